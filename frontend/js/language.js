// The word checker works without JavaScript: the page checks the words when the form is sent.
// With JavaScript, this file checks them again as the person types, on the checker page and in the advice
// beside other text fields. It asks the JSON endpoint (docs/language.md) for the results as HTML that the
// server has already escaped, so what a person types is never put on the page as code.

const PAUSE_BEFORE_CHECK_MS = 700;
const MAX_CHARACTERS = 200000;

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

async function checkWords(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-CSRFToken": csrfToken(),
    },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  let data = {};
  try {
    data = await response.json();
  } catch (error) {
    data = {};
  }
  if (!response.ok) {
    throw new Error(data.error || "We could not check your words just now. Use the button to check them.");
  }
  return data;
}

function describe(data) {
  const scores = data.scores;
  if (!scores.words) return "No words to check.";
  const count = data.flags.filter((flag) => !flag.dismissed).length;
  const suggestions = count === 1 ? "1 suggestion" : `${count} suggestions`;
  const age = data.enough_words_for_scores ? `Reading age ${scores.reading_age_years}. ` : "";
  return `${age}Longest sentence ${scores.longest_sentence_words} words. ${suggestions}.`;
}

// Runs `check` after the person stops typing, and only shows the answer to the newest question.
function whenTypingPauses(check) {
  let timer = null;
  let newest = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      newest += 1;
      const asked = newest;
      await check(() => asked === newest);
    }, PAUSE_BEFORE_CHECK_MS);
  };
}

function setUpCheckerPage(form) {
  const textarea = form.querySelector("textarea[name=text]");
  const easyRead = form.querySelector("input[name=easy_read]");
  const results = document.querySelector("[data-language-results]");
  const status = document.querySelector("[data-language-status]");
  if (!textarea || !results) return;
  // The page says how long a text the server checks for this visitor: shorter when they are signed out.
  const limit = Number(form.dataset.languageMaxCharacters) || MAX_CHARACTERS;

  const schedule = whenTypingPauses(async (stillNewest) => {
    const text = textarea.value;
    if (!text.trim()) {
      results.replaceChildren();
      if (status) status.textContent = "";
      return;
    }
    if (text.length > limit) return;
    try {
      const data = await checkWords(form.dataset.languageApi, {
        text,
        easy_read: Boolean(easyRead && easyRead.checked),
        render: "page",
      });
      if (!stillNewest()) return;
      results.innerHTML = data.html;
      if (status) status.textContent = describe(data);
    } catch (error) {
      if (stillNewest() && status) status.textContent = error.message;
    }
  });
  textarea.addEventListener("input", schedule);
  if (easyRead) easyRead.addEventListener("change", schedule);
}

function setUpAdvice(panel) {
  const field = document.getElementById(panel.dataset.languageField || "");
  const body = panel.querySelector("[data-language-advice-body]");
  if (!field || !body) return;
  const status = document.createElement("p");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  panel.appendChild(status);

  const schedule = whenTypingPauses(async (stillNewest) => {
    if (field.value.length > MAX_CHARACTERS) return;
    try {
      const data = await checkWords(panel.dataset.languageApi, {
        text: field.value,
        easy_read: panel.hasAttribute("data-language-easy-read"),
        render: "advice",
        advice: panel.dataset.languageToken || "",
        return_to: panel.dataset.languageReturn || "",
      });
      if (!stillNewest()) return;
      body.innerHTML = data.html;
      status.textContent = describe(data);
    } catch (error) {
      if (stillNewest()) status.textContent = error.message;
    }
  });
  field.addEventListener("input", schedule);
}

document.querySelectorAll("form[data-language-check]").forEach(setUpCheckerPage);
document.querySelectorAll("[data-language-advice]").forEach(setUpAdvice);
