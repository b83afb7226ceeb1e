// plazo's few behaviours, as a file: the Content-Security-Policy allows no inline script.
"use strict";

// Editing a "from" or "until" date on the ledger makes the period a custom one. Captured at the
// document, so it runs before the form's htmx trigger (which fires as the event bubbles up).
document.addEventListener("change", function (event) {
  if (event.target instanceof Element && event.target.matches("[data-period-custom]")) {
    var period = document.getElementById("period");
    if (period) period.value = "custom";
  }
}, true);

// After htmx swaps in a section that reports an error at one row (the work items), move the
// focus to that error, so a keyboard or screen-reader user is where the problem is.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.target;
  if (!(target instanceof Element)) return;
  var error = target.querySelector("[data-focus-after-swap]");
  if (error instanceof HTMLElement) {
    error.focus();
    error.scrollIntoView({ block: "center" });
  }
});
