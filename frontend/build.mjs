// Builds the front end into included/static/build: our Sass on GOV.UK Frontend, its JavaScript and ours.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "included", "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "frontend", "scss", "included.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "included.css"), result.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(root, "frontend", "js", "included.js"), join(out, "included.js"));
cpSync(join(root, "frontend", "js", "language.js"), join(out, "language.js"));
cpSync(join(root, "frontend", "js", "webauthn.js"), join(out, "webauthn.js"));
cpSync(join(root, "frontend", "js", "print.js"), join(out, "print.js"));
cpSync(join(root, "frontend", "js", "map.js"), join(out, "map.js"));
// Leaflet for the optional directory map: its script, stylesheet and marker images, served from our own site.
const leaflet = join(root, "node_modules", "leaflet", "dist");
mkdirSync(join(out, "leaflet"), { recursive: true });
cpSync(join(leaflet, "leaflet.js"), join(out, "leaflet", "leaflet.js"));
cpSync(join(leaflet, "leaflet.js.map"), join(out, "leaflet", "leaflet.js.map")); // leaflet.js names it: collectstatic refuses a missing file
cpSync(join(leaflet, "leaflet.css"), join(out, "leaflet", "leaflet.css"));
cpSync(join(leaflet, "images"), join(out, "leaflet", "images"), { recursive: true });
console.log(`Built ${out}`);
