// Security keys and passkeys (WebAuthn). Only the pages that add or use a key load this file, after allauth's
// webauthn-json.js, which turns the options the server sends into what the browser's WebAuthn API takes.
//
// A form marked data-security-key="add" or "use" is hidden until this runs: WebAuthn needs JavaScript, and those
// pages say so in words that this file hides. When the form is sent (its button, or Enter in its name field), the
// browser asks the person to touch their key; the key's answer goes in the form's hidden "credential" field and
// the form is sent to the server, which checks it. If the browser or key says no, the page says why in plain words.

const PROBLEMS = {
  NotAllowedError:
    "Your security key was not used. You may have cancelled, or it took too long. Try again when you are ready.",
  AbortError: "Your security key was not used. Try again when you are ready.",
  InvalidStateError: "This key is already added to your account. Use a different key, or go back.",
  NotSupportedError:
    "Your browser cannot use this kind of key. Try a different browser, or use another way to sign in.",
  SecurityError: "Your browser would not let this page use a security key. Try again, or use another way.",
  ConstraintError: "Your key cannot do what this page asked. Try a different key.",
};
const UNKNOWN_PROBLEM = "Something went wrong with your security key. Try again, or use another way.";
const NO_SUPPORT =
  "Your browser cannot use security keys or passkeys. Try a recent version of Chrome, Edge, Firefox or Safari, or use another way.";

function showProblem(form, words) {
  const summary = document.getElementById(form.dataset.securityKeyProblem);
  if (!summary) return;
  summary.querySelector("[data-security-key-problem-text]").textContent = words;
  summary.hidden = false;
  summary.querySelector("[tabindex]")?.focus();
}

function hideProblem(form) {
  const summary = document.getElementById(form.dataset.securityKeyProblem);
  if (summary) summary.hidden = true;
}

function readOptions(form) {
  return JSON.parse(document.getElementById(form.dataset.securityKeyOptions).textContent);
}

async function askTheKey(form) {
  const webauthnJSON = window.webauthnJSON;
  const options = readOptions(form);
  if (form.dataset.securityKey === "add") {
    return webauthnJSON.create(options.creation_options);
  }
  return webauthnJSON.get(options.request_options);
}

function setUp(form) {
  const controls = form.closest("[data-security-key-controls]") || form;
  const noScript = document.querySelectorAll("[data-security-key-needs-javascript]");
  noScript.forEach((element) => {
    element.hidden = true;
  });
  if (!window.PublicKeyCredential || !window.webauthnJSON) {
    showProblem(form, NO_SUPPORT);
    return;
  }
  controls.hidden = false;
  const credential = form.querySelector("input[name=credential]");
  const buttons = form.querySelectorAll("button[type=submit]");
  let busy = false;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    buttons.forEach((button) => {
      button.disabled = true;
    });
    hideProblem(form);
    try {
      const answer = await askTheKey(form);
      credential.value = JSON.stringify(answer);
      form.submit();
    } catch (error) {
      showProblem(form, PROBLEMS[error && error.name] || UNKNOWN_PROBLEM);
      busy = false;
      buttons.forEach((button) => {
        button.disabled = false;
      });
    }
  });
}

document.querySelectorAll("form[data-security-key]").forEach(setUp);
