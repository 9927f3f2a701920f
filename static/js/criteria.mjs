// Progressive enhancement: the running total of the criteria weights as staff type.
// The server shows the saved total and checks the weights total 100 when saving.
const total = document.querySelector("[data-weights-total]");
if (total) {
  const form = total.closest("form");
  const update = () => {
    let sum = 0;
    form.querySelectorAll("input[data-criteria-weight]").forEach((input) => {
      const group = input.closest("fieldset");
      const remove = group && group.querySelector("input[name$='-DELETE']");
      if (remove && remove.checked) return;
      const value = Number.parseFloat(input.value);
      if (!Number.isNaN(value)) sum += value;
    });
    total.textContent = `${Math.round(sum * 100) / 100}%`;
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
}
