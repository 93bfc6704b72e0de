// Start the download of a PDF as soon as the server says it is ready. htmx polls the state
// fragment (strategy/pdf_render.html#pdf-state); the answer that first finds the PDF ready carries
// an HX-Trigger «pdfReady» event with the download address. Without JavaScript the fragment's
// «Download the PDF» link does the same with one more click.
(function () {
  "use strict";
  document.addEventListener("pdfReady", function (event) {
    var url = event.detail && event.detail.url;
    // Only the portal's own download addresses (the event comes from our server, but be strict).
    if (typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/") {
      window.location.assign(url);
    }
  });
})();
