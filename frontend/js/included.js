// Included works without JavaScript. This file only adds comfort on top: GOV.UK components,
// and saving drafts as you type on forms marked data-autosave.
import { initAll } from "./govuk-frontend.min.js";

initAll();

const AUTOSAVE_DELAY_MS = 2000;

function setUpAutosave(form) {
  const status = form.querySelector("[data-autosave-status]");
  const version = form.querySelector("input[name=version]");
  let timer = null;
  let saving = null;

  async function save() {
    if (saving) return saving;
    saving = send();
    await saving;
    saving = null;
  }

  async function send() {
    const body = new FormData(form);
    body.set("autosave", "1");
    // Saving as you type keeps the words only. A chosen file goes with the page, when a button is pressed.
    for (const input of form.querySelectorAll("input[type=file]")) body.delete(input.name);
    try {
      const response = await fetch(form.action || window.location.href, {
        method: "POST",
        body,
        headers: { "X-Requested-With": "fetch", Accept: "application/json" },
        credentials: "same-origin",
      });
      const result = await response.json();
      if (response.ok && result.saved) {
        if (version) version.value = result.version;
        if (status) status.textContent = `Draft saved at ${result.saved_at}`;
      } else if (status) {
        status.textContent = result.message || "Not saved yet. Use the save button below.";
      }
    } catch (error) {
      if (status) status.textContent = "Not saved yet. Check your connection, then use the save button below.";
    }
  }

  form.addEventListener("input", (event) => {
    if (event.target.type === "file") return;
    clearTimeout(timer);
    timer = setTimeout(save, AUTOSAVE_DELAY_MS);
  });

  // A button sends everything, file included, so a draft waiting to be saved is not needed. One being saved at this
  // moment changes the version number: wait for it, so the page is sent with the new one and is not refused as
  // someone else's change.
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    if (!saving) return;
    event.preventDefault();
    const submitter = event.submitter;
    saving.then(() => form.requestSubmit(submitter));
  });
}

document.querySelectorAll("form[data-autosave]").forEach(setUpAutosave);
