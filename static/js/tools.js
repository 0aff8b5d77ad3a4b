/* Equity tool worksheets: show a yes/no follow-up only after the answer it is for (data-follow-up-on: no, yes or
   either; the server keeps a follow-up only for that answer), and let htmx show refused autosaves.
   Loaded as a file: the Content-Security-Policy allows no inline script. Without JavaScript every field still
   saves with the step's Save button. */
(function () {
  "use strict";
  function syncFollowUps(root) {
    (root || document).querySelectorAll("[data-follow-up-for]").forEach(function (box) {
      var name = box.getAttribute("data-follow-up-for");
      var checked = document.querySelector('input[data-yes-no="' + name + '"]:checked');
      var on = box.getAttribute("data-follow-up-on") || "no";
      var answer = checked ? checked.value : "";
      box.hidden = !(answer === on || (on === "either" && (answer === "yes" || answer === "no")));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { syncFollowUps(document); });
  document.addEventListener("change", function (event) {
    if (event.target.matches("input[data-yes-no]")) { syncFollowUps(document); }
  });
  // A refused autosave (409: a colleague saved first; 422: the answer is not valid) still shows its message.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 409 || status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
