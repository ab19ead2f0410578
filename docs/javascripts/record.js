// The site's own script, in every page (minified into record.min.js in site/).
//
// Paragraph tools: "Copy link" and "Cite" copy the permanent URL or the
// citation of a paragraph. The buttons are hidden until this script runs, so
// readers without JavaScript only see what works for them (the number link).
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for plain-HTTP hosting, where the Clipboard API is unavailable.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  // The button's aria-label hides its changing text from screen readers, so
  // the outcome is also said in a polite live region (present before it changes).
  var status = null;

  function announce(button, message) {
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = message;
    if (status) status.textContent = message + ": " + button.getAttribute("aria-label");
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }

  function init() {
    var tools = document.querySelectorAll(".para__tools[hidden]");
    tools.forEach(function (element) { element.hidden = false; });
    if (tools.length && !status) {
      status = document.createElement("div");
      status.className = "record-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) return;
    copyText(button.dataset.copy).then(
      function () { announce(button, "Copied"); },
      function () { announce(button, "Copy failed"); }
    );
  });

  // Material's document$ emits each time a page is ready (instant navigation included);
  // without Material's bundle, the DOM's own event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// The search dialog's opener (markup: overrides/partials/search.html). Opens it from the
// header's button, "/" or "s" (as Material's search), and from a URL holding a search
// (?q=...&speaker=...), so a search can be shared and restored; fetches the dialog's own
// script and stylesheet on first open, and the index through them.
(function () {
  var dialog = document.getElementById("rk-search");
  if (!dialog || !dialog.showModal) return;
  // The site's root, absolute: import() resolves a relative path against this script's URL, not the page's.
  var base = new URL(dialog.getAttribute("data-base"), document.baseURI).href, started = null, opener = null;
  function load() {
    if (!started) {
      var css = document.createElement("link");
      css.rel = "stylesheet"; css.href = base + "stylesheets/search.css";
      document.head.appendChild(css);
      started = import(base + "javascripts/search.js").then(function (ui) { return ui.start(dialog, base); });
    }
    return started;
  }
  function open(fromUrl) {
    if (!dialog.open) { opener = document.activeElement; dialog.showModal(); }
    document.getElementById("rk-search-q").focus();
    return load().then(function (search) { search.opened(fromUrl); });
  }
  dialog.addEventListener("close", function () {
    if (opener && opener.focus && document.contains(opener)) opener.focus();
    opener = null;
  });
  dialog.rkOpen = open;
  document.querySelectorAll(".rk-search-open").forEach(function (button) {
    button.addEventListener("click", function () { open(false); });
  });
  dialog.querySelector(".rk-search__close").addEventListener("click", function () { dialog.close(); });
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
    event.preventDefault();
    open(false);
  }, true);
  // The search state's keys in the URL (javascripts/search.js keeps them up to date).
  var keys = ["q", "meeting", "year", "kind", "part", "speaker", "delegation", "theme"];
  function inUrl() {
    var params = new URLSearchParams(location.search);
    return keys.some(function (key) { return params.has(key); });
  }
  if (inUrl()) open(true);
  window.addEventListener("popstate", function () { if (!started && inUrl()) open(true); });
})();
