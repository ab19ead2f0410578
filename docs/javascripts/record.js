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
