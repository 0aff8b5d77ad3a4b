/* Library: the narrative editor's formatting toolbar and "Add a section". Loaded as a file (CSP: no inline script). */
(function () {
  "use strict";

  var WRAPS = {
    p: ["<p>", "</p>"],
    h3: ["<h3>", "</h3>"],
    ul: ["<ul>\n  <li>", "</li>\n</ul>"],
    ol: ["<ol>\n  <li>", "</li>\n</ol>"],
    strong: ["<strong>", "</strong>"]
  };

  function wrap(textarea, kind) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var selected = textarea.value.slice(start, end);
    var pair = WRAPS[kind];
    if (kind === "a") {
      var href = window.prompt(textarea.dataset.linkPrompt || "Link address (https://…)", "https://");
      if (!href) { return; }
      pair = ['<a href="' + href.replace(/"/g, "&quot;") + '">', "</a>"];
    }
    if (kind === "ul" || kind === "ol") {
      selected = selected.split("\n").join("</li>\n  <li>");
    }
    var text = pair[0] + selected + pair[1];
    textarea.setRangeText(text, start, end, "end");
    textarea.focus();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function enableToolbars(root) {
    root.querySelectorAll("[data-toolbar-for]").forEach(function (toolbar) {
      toolbar.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-wrap]");
    if (button) {
      var toolbar = button.closest("[data-toolbar-for]");
      var textarea = document.getElementById(toolbar.getAttribute("data-toolbar-for"));
      if (textarea) { wrap(textarea, button.getAttribute("data-wrap")); }
      return;
    }
    if (event.target.closest("[data-add-section]")) {
      var container = document.getElementById("narrative-sections");
      var prefix = container.getAttribute("data-formset-prefix");
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var index = parseInt(total.value, 10);
      var html = document.getElementById("narrative-section-template").innerHTML
        .replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
      container.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = container.lastElementChild;
      enableToolbars(added);
      var first = added.querySelector("input[type=text]");
      if (first) { first.focus(); }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    enableToolbars(document);
    document.querySelectorAll("[data-add-section]").forEach(function (b) { b.hidden = false; });
  });
})();
