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

// The delay review keeps what the owner types as the case's draft on the server (the form's
// data-autosave address): a second after typing stops, and when the page is left (a beacon, which
// the browser sends even as the page goes). A submit saves or sends by itself; a Preview
// submit first keeps the draft, since its page is not a save.
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.FormData) return;
  var url = form.getAttribute("data-autosave");
  var status = document.getElementById("autosave-status");
  var timer = null;
  var dirty = false;
  var leaving = false;

  function fields() {
    var data = new FormData(form);
    data.delete("action");
    return data;
  }
  function say(text) {
    if (status) status.textContent = text;
  }
  function beacon() {
    if (dirty && navigator.sendBeacon) navigator.sendBeacon(url, fields());
    dirty = false;
  }
  function save() {
    timer = null;
    if (!dirty || leaving) return;
    dirty = false;
    fetch(url, { method: "POST", body: fields(), credentials: "same-origin" })
      .then(function (response) {
        if (response.ok) {
          var now = new Date();
          var time = now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
          say(form.getAttribute("data-autosaved") + " · " + time);
        } else if (response.status !== 409) {
          dirty = true;
          say(form.getAttribute("data-autosave-failed"));
        }
      })
      .catch(function () {
        dirty = true;
        say(form.getAttribute("data-autosave-failed"));
      });
  }
  function changed() {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1000);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    if (timer) clearTimeout(timer);
    var button = event.submitter;
    if (button && button.value === "preview") beacon();
    dirty = false;
    leaving = true;
  });
  window.addEventListener("pagehide", beacon);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && !leaving) beacon();
  });
})();
