// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

// A table wider than its scrolling region gets a hint above it ("Scroll sideways ...");
// the hint follows the window's width. The region itself is in the page's markup.
function hintScrollableTables() {
  for (const region of document.querySelectorAll(".lp-table-scroll")) {
    let hint = region.previousElementSibling;
    if (!hint || !hint.classList.contains("lp-table-scroll__hint")) {
      hint = document.createElement("p");
      hint.className = "govuk-body-s lp-table-scroll__hint";
      hint.textContent = "Scroll sideways to see the whole table";
      hint.hidden = true;
      region.before(hint);
    }
    hint.hidden = region.scrollWidth <= region.clientWidth + 1;
  }
}
hintScrollableTables();
window.addEventListener("resize", hintScrollableTables);
