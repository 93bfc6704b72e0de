// Refresh the PDF state page while the PDF is queued or being prepared (progressive enhancement:
// without JavaScript the page offers a «check again» link).
(function () {
  "use strict";
  var region = document.getElementById("pdf-state");
  if (!region) { return; }
  var state = region.getAttribute("data-state");
  if (state === "ready" || state === "failed") { return; }
  var url = region.getAttribute("data-status-url");
  var attempts = 0;
  function poll() {
    attempts += 1;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.state === "ready" || data.state === "failed") {
          window.location.reload();
        } else if (attempts < 120) {
          window.setTimeout(poll, 3000);
        }
      })
      .catch(function () { if (attempts < 120) { window.setTimeout(poll, 5000); } });
  }
  window.setTimeout(poll, 2000);
})();
