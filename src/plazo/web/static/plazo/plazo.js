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
