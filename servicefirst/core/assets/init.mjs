import { initAll } from "./govuk-frontend.min.js";

initAll();
// Content htmx swaps in (an error summary above a search form) needs its components started, as a page load would.
document.addEventListener("htmx:afterSettle", (event) => initAll({ scope: event.detail.elt }));
