// In the transcript editor: select words, then "Redact selection" posts their positions.
// Positions count words as the server stores them (a segment without word timings is one word),
// so a selection is only offered when the segment's text still matches its saved words.
(() => {
  "use strict";
  const form = document.querySelector("[data-redact-selection]");
  const list = document.querySelector("[data-segments]");
  if (!form || !list) return;
  const saved = JSON.parse(document.getElementById("transcript-editor-data").textContent).segments;
  const firstWord = [];
  let count = 0;
  saved.forEach((segment) => {
    firstWord.push(count);
    count += Math.max(1, (segment.words || []).length);
  });
  const status = form.querySelector("[data-redact-status]");
  const submit = form.querySelector("[data-redact-button]");

  function position(node, offset) {
    const item = (node.nodeType === 1 ? node : node.parentElement).closest("li.segment");
    const text = item && item.querySelector(".segment__text");
    if (!text || !text.contains(node)) return null;
    const index = Number(item.dataset.index);
    const words = (saved[index] && saved[index].words) || [];
    if (!words.length || words.map((w) => w[2]).join(" ") !== text.textContent) return { stale: true };
    const range = document.createRange();
    range.selectNodeContents(text);
    range.setEnd(node, offset);
    const before = range.toString();
    return { word: firstWord[index] + Math.max(0, before.split(" ").length - 1), index };
  }

  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!list.contains(range.commonAncestorContainer)) return;
    const start = position(range.startContainer, range.startOffset);
    const end = position(range.endContainer, range.endOffset);
    if (!start || !end) return;
    if (start.stale || end.stale) {
      submit.disabled = true;
      status.textContent = gettext("Save and reload the transcript before redacting this part.");
      return;
    }
    const trimmedEnd = range.toString().endsWith(" ") ? end.word - 1 : end.word;
    form.querySelector("[data-first]").value = start.word;
    form.querySelector("[data-last]").value = Math.max(start.word, trimmedEnd);
    submit.disabled = false;
    status.textContent = interpolate(gettext("Selected: %s"), [range.toString().trim()]);
  });
})();
