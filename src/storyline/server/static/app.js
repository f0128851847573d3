// storyline serve: citations open their source sentence in place.
// Vanilla JS, no dependencies; the page works without it (a citation is a link to the sentence).
(function () {
  "use strict";

  var open = null; // {cite, popover}

  function close(returnFocus) {
    if (!open) return;
    var cite = open.cite;
    open.popover.remove();
    cite.setAttribute("aria-expanded", "false");
    open = null;
    if (returnFocus) cite.focus();
  }

  function show(cite) {
    var source = cite.getAttribute("data-source") || "";
    var outlet = cite.getAttribute("data-outlet") || "";
    var text = cite.getAttribute("data-sentence-text") || "";
    var id = "cite-popover-" + Math.random().toString(36).slice(2, 9);

    var popover = document.createElement("div");
    popover.className = "cite-popover";
    popover.id = id;
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", "Source " + source + (outlet ? ", " + outlet : ""));
    popover.tabIndex = -1;

    var head = document.createElement("span");
    head.className = "popover-source";
    head.textContent = source + (outlet ? " · " + outlet : "");
    popover.appendChild(head);

    var quote = document.createElement("q");
    quote.className = "popover-text";
    quote.textContent = text;
    popover.appendChild(quote);

    var link = document.createElement("a");
    link.className = "popover-link";
    link.href = cite.getAttribute("href");
    link.textContent = "Read it in the article →";
    popover.appendChild(document.createElement("br"));
    popover.appendChild(link);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "popover-close";
    button.setAttribute("aria-label", "Close");
    button.textContent = "×";
    button.addEventListener("click", function () { close(true); });
    popover.appendChild(button);

    cite.insertAdjacentElement("afterend", popover);
    cite.setAttribute("aria-expanded", "true");
    cite.setAttribute("aria-controls", id);
    open = { cite: cite, popover: popover };
    popover.focus();
  }

  document.addEventListener("click", function (event) {
    var cite = event.target.closest ? event.target.closest("a.cite[data-sentence-text]") : null;
    if (cite) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      var same = open && open.cite === cite;
      close(false);
      if (!same) show(cite);
      else cite.focus();
      return;
    }
    if (open && !open.popover.contains(event.target)) close(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      close(true);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var cites = document.querySelectorAll("a.cite[data-sentence-text]");
    for (var i = 0; i < cites.length; i++) cites[i].setAttribute("aria-expanded", "false");
  });
})();
