// Progressive enhancement for the geography question: a box that filters the local
// authority areas by name and opens the regions that match. Without JavaScript the
// areas are plain checkboxes grouped by region.
const box = document.querySelector(".lp-district-filter");
if (box) {
  const input = box.querySelector("input");
  const groups = [...document.querySelectorAll(".lp-district-group")];
  box.hidden = false;
  input.addEventListener("input", () => {
    const query = input.value.trim().toLowerCase();
    for (const group of groups) {
      let matches = 0;
      for (const item of group.querySelectorAll(".govuk-checkboxes__item")) {
        const label = item.querySelector("label").textContent.toLowerCase();
        const show = !query || label.includes(query);
        item.hidden = !show;
        if (show) matches += 1;
      }
      group.hidden = query !== "" && matches === 0;
      if (query) group.open = matches > 0;
    }
  });
}
