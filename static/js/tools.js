/* Equity tool worksheets: show a yes/no follow-up only after the answer it is for (data-follow-up-on: no, yes or
   either; the server keeps a follow-up only for that answer), let htmx show refused autosaves, and make autosave
   failures visible and survivable (ADR 0045): "Not saved: retrying" with backoff, the typed text kept, a warning
   before leaving with unsaved text, and a key per save so a save whose response was lost is not a conflict.
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

  // --- Autosave that survives a 500 or a dropped connection -------------------------------------------------
  var RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000, 30000];  // then every 30 s
  var TIMEOUT_MS = 20000;  // a hung connection counts as a dropped one
  var MAX_EARLIER_KEYS = 32;  // as tools.answer_inputs.MAX_EARLIER_KEYS
  var saves = {};  // by question id: what is typed, what was sent, keys with no answer yet, the retry timer
  var leaving = false;

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);  // randomUUID needs a secure context; getRandomValues does not
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function questionOf(target) {
    var match = target && target.id && target.id.match(/^q(\d+)-status$/);
    return match ? match[1] : null;
  }
  function saveFor(id) {
    if (!saves[id]) { saves[id] = {typed: 0, sent: 0, dirty: false, earlier: [], attempt: 0, timer: null}; }
    return saves[id];
  }
  function hostQuestion(element) {
    var host = element.closest && element.closest("[data-hx-post][data-hx-target]");
    var match = host && host.getAttribute("data-hx-target").match(/^#q(\d+)-status$/);
    return match ? match[1] : null;
  }
  function showStatus(id, message) {
    var status = document.getElementById("q" + id + "-status");
    if (!status) { return; }
    var text = document.createElement("span");
    text.className = "text-danger fw-semibold";
    text.textContent = status.getAttribute(message) || message;
    status.replaceChildren(text);
  }
  // Typing marks the question unsaved until a save sent after the last keystroke succeeds. Capture phase: counted
  // before htmx sends. A text field's blur "change" is not an edit (its "input" events were).
  function edited(event) {
    var type = event.target.type || "";
    if (event.type === "change" && !/^(radio|checkbox|select)/.test(type)) { return; }
    var id = hostQuestion(event.target);
    if (id) { var save = saveFor(id); save.typed += 1; save.dirty = true; }
  }
  document.addEventListener("input", edited, true);
  document.addEventListener("change", edited, true);

  document.addEventListener("htmx:configRequest", function (event) {
    var id = questionOf(event.detail.target);
    if (!id) { return; }
    var save = saveFor(id);
    clearTimeout(save.timer);
    save.key = newKey();
    save.sent = save.typed;
    save.element = event.detail.elt;
    event.detail.timeout = TIMEOUT_MS;
    event.detail.parameters["q" + id + "_save_key"] = save.key;
    event.detail.parameters["q" + id + "_earlier_keys"] = save.earlier.join(",");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var id = questionOf(event.detail.target);
    if (!id || !saves[id]) { return; }
    var save = saves[id];
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status >= 200 && status < 300) {
      save.earlier = [];
      save.attempt = 0;
      if (save.sent === save.typed) { save.dirty = false; }
    } else if (status === 0 || status >= 500 || status === 408 || status === 429) {
      // No answer, or the server failed: the save may or may not have committed. Keep its key so the next save
      // can say "that one was mine", keep the text, and try again with backoff.
      save.earlier = save.earlier.concat([save.key]).slice(-MAX_EARLIER_KEYS);
      showStatus(id, "data-retrying");
      var delay = RETRY_DELAYS_MS[Math.min(save.attempt, RETRY_DELAYS_MS.length - 1)];
      save.attempt += 1;
      save.timer = setTimeout(function () { htmx.trigger(save.element, "autosave-retry"); }, delay);
    } else {
      save.attempt = 0;  // 409 and 422 show their own message; any other refusal is not retried blindly
      if (status !== 409 && status !== 422) { showStatus(id, "data-refused"); }
    }
  });
  // Back online: retry now rather than at the end of the current backoff.
  window.addEventListener("online", function () {
    Object.keys(saves).forEach(function (id) {
      var save = saves[id];
      if (save.earlier.length && save.element) { clearTimeout(save.timer); htmx.trigger(save.element, "autosave-retry"); }
    });
  });
  // A form posted without JavaScript's help (Save this step, the table's buttons) carries the unanswered keys too.
  document.addEventListener("submit", function (event) {
    if (!event.target.querySelector("[id^='q'][id$='-version']")) { return; }  // e.g. a comment: the answers stay unsaved
    leaving = true;
    Object.keys(saves).forEach(function (id) {
      if (!saves[id].earlier.length || !event.target.querySelector("#q" + id + "-version")) { return; }
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "q" + id + "_earlier_keys";
      field.value = saves[id].earlier.join(",");
      event.target.appendChild(field);
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (leaving) { return; }
    var unsaved = Object.keys(saves).some(function (id) { return saves[id].dirty; });
    if (unsaved) { event.preventDefault(); event.returnValue = ""; }
  });
})();
