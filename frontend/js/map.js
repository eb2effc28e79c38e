// The map on "Find help" and a service's page (included/directory/maps.py). The page's list is the content: this
// only adds a map of the same places when the deployer has named a tile server. Leaflet (leaflet.js, loaded just
// before this file) draws it; the places come from a JSON block, so there is no inline script.
const section = document.querySelector("[data-directory-map]");
const data = document.getElementById("directory-map-places");

function asText(value) {
  const span = document.createElement("span");
  span.textContent = value;
  return span.innerHTML;
}

if (section && data && window.L) {
  const L = window.L;
  const points = JSON.parse(data.textContent);
  const canvas = section.querySelector("[data-directory-map-canvas]");
  section.hidden = false;

  const map = L.map(canvas, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  // Tile servers such as OpenStreetMap's ask to know which site sends people; send our address, never the page's
  // (its address holds what the person searched for).
  L.tileLayer(section.dataset.tiles, {
    attribution: asText(section.dataset.attribution || ""),
    maxZoom: 18,
    referrerPolicy: "strict-origin",
  }).addTo(map);

  const icon = L.icon({
    iconUrl: section.dataset.icon,
    iconRetinaUrl: section.dataset.iconRetina,
    shadowUrl: section.dataset.shadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41],
  });

  points.forEach((point) => {
    const name = `${point.service}, ${point.place}`;
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = point.url;
    link.textContent = point.service;
    const content = document.createElement("p");
    content.className = "govuk-body-s govuk-!-margin-0";
    content.append(link, document.createElement("br"), point.place);
    L.marker([point.lat, point.lng], { icon, title: name, alt: name, keyboard: true })
      .bindPopup(content)
      .addTo(map);
  });

  // Someone who opened a place with the keyboard lands on its link, ready to follow it.
  map.on("popupopen", (event) => {
    const link = event.popup.getElement().querySelector("a.govuk-link");
    if (link) link.focus();
  });

  const where = points.map((point) => [point.lat, point.lng]);
  if (where.length === 1) {
    map.setView(where[0], 15);
  } else {
    map.fitBounds(L.latLngBounds(where), { padding: [24, 24], maxZoom: 15 });
  }
}
