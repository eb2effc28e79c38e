// A "Print" button for pages that offer one (the recovery codes). Without JavaScript the button stays hidden and
// the page tells people to use their browser's print menu instead.
document.querySelectorAll("[data-print-page]").forEach((wrapper) => {
  wrapper.hidden = false;
  wrapper.querySelector("button").addEventListener("click", () => window.print());
});
