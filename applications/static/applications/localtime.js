// Shows a deadline also in the visitor's own time zone. Without JavaScript the page
// shows the Helsinki time only, which is the time the server enforces.
(function () {
  "use strict";
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var moment = new Date(element.getAttribute("data-local-time"));
    if (isNaN(moment.getTime())) { return; }
    var formatted = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    }).format(moment);
    element.textContent = element.getAttribute("data-label") + " " + formatted;
    element.hidden = false;
  });
})();
