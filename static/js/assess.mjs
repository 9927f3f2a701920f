// Live word count for justifications (progressive enhancement: the server checks the count).
function message(words, min) {
  const counted = `You have ${words} word${words === 1 ? "" : "s"}`;
  return words < min ? `${counted}. You need at least ${min}.` : `${counted}.`;
}

for (const area of document.querySelectorAll("textarea[data-min-words]")) {
  const output = document.getElementById(`${area.id}-count`);
  if (!output) continue;
  const min = Number(area.dataset.minWords);
  let timer;
  area.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const words = (area.value.match(/\S+/g) || []).length;
      output.textContent = message(words, min);
    }, 300);
  });
}
