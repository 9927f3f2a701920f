// Progressive enhancement: update the sending counts every 2 seconds until nothing is
// waiting; without JavaScript the page has a "Refresh the progress" link.
const region = document.getElementById("email-progress");
if (region && region.dataset.progressUrl) {
  const update = async () => {
    try {
      const response = await fetch(region.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const counts = await response.json();
      const waiting = counts.queued + counts.sending;
      region.querySelector('[data-count="queued"]').textContent = waiting;
      region.querySelector('[data-count="sent"]').textContent = counts.sent;
      region.querySelector('[data-count="failed"]').textContent = counts.failed;
      if (waiting > 0) {
        window.setTimeout(update, 2000);
      } else {
        const note = region.querySelector("[data-progress-note]");
        if (note) note.textContent = "All emails have been handed to the email server.";
      }
    } catch {
      // Leave the counts as they are; the refresh link still works.
    }
  };
  window.setTimeout(update, 2000);
}
