// Live progress for transcription jobs on the interview page: polls the job's JSON and
// updates the bar in place, so nobody has to reload (and lose unsaved edits).
(function () {
  "use strict";
  const POLL_MS = 2000;
  function watch(box) {
    if (box.dataset.watching) return;
    box.dataset.watching = "1";
    const bar = box.querySelector("[data-job-bar]");
    const status = box.querySelector("[data-job-status]");
    const seconds = box.querySelector("[data-job-seconds]");
    const result = box.querySelector("[data-job-result]");
    async function poll() {
      let data;
      try {
        const response = await fetch(box.dataset.jobProgressUrl, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) throw new Error(response.statusText);
        data = await response.json();
      } catch (error) {
        setTimeout(poll, POLL_MS * 3);
        return;
      }
      bar.value = data.progress;
      bar.textContent = Math.round(data.progress * 100) + "%";
      status.textContent = data.status_label;
      seconds.textContent =
        Math.round(data.processed_seconds) + " / " + Math.round(data.duration_seconds) + " s";
      if (data.status === "queued" || data.status === "running") {
        setTimeout(poll, POLL_MS);
        return;
      }
      if (data.transcript_url) {
        const link = document.createElement("a");
        link.href = data.transcript_url;
        link.textContent = gettext("Open the transcript");
        result.replaceChildren(link);
        if (data.notice) result.append(" " + data.notice);
      } else if (data.error) {
        result.textContent = data.error;
      }
      box.querySelectorAll("button").forEach((button) => button.remove());
    }
    setTimeout(poll, POLL_MS);
  }
  function start() {
    document.querySelectorAll("[data-job-progress-url]").forEach(watch);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
