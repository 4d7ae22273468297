/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setupMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var nav = document.getElementById("main-nav");
    if (!toggle || !nav) { return; }
    var narrow = window.matchMedia("(max-width: 40rem)");
    function apply() {
      if (narrow.matches) {
        toggle.hidden = false;
        var open = toggle.getAttribute("aria-expanded") === "true";
        nav.setAttribute("data-collapsed", open ? "false" : "true");
      } else {
        toggle.hidden = true;
        nav.removeAttribute("data-collapsed");
      }
    }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      apply();
      if (!open) {
        var first = nav.querySelector("a");
        if (first) { first.focus(); }
      }
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches) {
        toggle.setAttribute("aria-expanded", "false");
        apply();
        toggle.focus();
      }
    });
    if (narrow.addEventListener) { narrow.addEventListener("change", apply); }
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupMenu);
  } else {
    setupMenu();
  }
})();
