// Refreshes the sending counts on a newsletter issue's admin page until the issue is finished.
(function () {
  "use strict";
  var POLL_MS = 2000;

  function start() {
    var table = document.getElementById("newsletter-progress");
    if (!table || table.dataset.finished === "1") { return; }
    var url = table.dataset.progressUrl;

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          table.querySelectorAll("[data-count]").forEach(function (cell) {
            var key = cell.dataset.count;
            if (Object.prototype.hasOwnProperty.call(data, key)) { cell.textContent = String(data[key]); }
          });
          if (data.finished) { table.dataset.finished = "1"; return; }
          window.setTimeout(poll, POLL_MS);
        })
        .catch(function () { window.setTimeout(poll, POLL_MS * 5); });
    }
    window.setTimeout(poll, POLL_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
