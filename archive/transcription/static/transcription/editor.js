// The transcript editor: the original plays, the current segment follows it, any segment
// seeks on click, text is edited in place, segments split and merge, and Save sends the whole
// transcript back (the server checks it and makes a revision).
(function () {
  "use strict";
  const root = document.querySelector("[data-transcript-editor]");
  const data = JSON.parse(document.getElementById("transcript-editor-data").textContent);
  const player = root.querySelector("[data-player]");
  const list = root.querySelector("[data-segments]");
  const follow = root.querySelector("[data-follow]");
  const saveButton = root.querySelector("[data-save]");
  const saveStatus = root.querySelector("[data-save-status]");
  const corrected = root.querySelector("[data-corrected]");
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  let segments = data.segments.map((s) => ({ ...s }));
  let revision = data.revision;
  let dirty = false;
  let current = -1;

  function formatTime(seconds) {
    const m = Math.floor(seconds / 60);
    const s = (seconds % 60).toFixed(1).padStart(4, "0");
    return m + ":" + s;
  }

  function markDirty() {
    dirty = true;
    if (saveStatus) saveStatus.textContent = gettext("Unsaved changes");
  }

  function renderText(element, segment) {
    element.replaceChildren();
    const words = segment.words || [];
    const joined = words.map((w) => w[2]).join(" ");
    if (!words.length || joined !== segment.text) {
      element.textContent = segment.text;
      return;
    }
    words.forEach((word, index) => {
      if (index) element.append(" ");
      if (word[3] !== null && word[3] < data.low_confidence) {
        const mark = document.createElement("mark");
        mark.className = "low-confidence";
        mark.title = interpolate(gettext("Low confidence (%s%%): check this word"), [Math.round(word[3] * 100)]);
        mark.textContent = word[2];
        element.append(mark);
      } else {
        element.append(word[2]);
      }
    });
  }

  function button(label, title, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button button-small button-secondary";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", action);
    return b;
  }

  function render() {
    list.replaceChildren(...segments.map(renderSegment));
    current = -1;
    highlight(player.currentTime || 0);
  }

  function renderSegment(segment, index) {
    const item = document.createElement("li");
    item.className = "segment";
    if (segment.speaker && index && segments[index - 1].speaker !== segment.speaker) {
      item.classList.add("segment--turn");
    }
    item.dataset.index = index;
    const time = button(formatTime(segment.start), interpolate(gettext("Play from %s"), [formatTime(segment.start)]), () => {
      player.currentTime = segment.start;
      player.play();
    });
    time.classList.add("segment__time");
    const speaker = document.createElement("input");
    speaker.value = segment.speaker || "";
    speaker.placeholder = gettext("Speaker");
    speaker.setAttribute("aria-label", interpolate(gettext("Speaker at %s"), [formatTime(segment.start)]));
    speaker.disabled = !data.can_edit;
    speaker.addEventListener("input", () => {
      segment.speaker = speaker.value;
      markDirty();
    });
    const text = document.createElement("div");
    text.className = "segment__text";
    text.setAttribute("role", "textbox");
    text.setAttribute("aria-multiline", "true");
    text.setAttribute("aria-label", interpolate(gettext("Text at %s"), [formatTime(segment.start)]));
    text.contentEditable = data.can_edit ? "true" : "false";
    renderText(text, segment);
    text.addEventListener("input", () => {
      segment.text = text.textContent.replace(/\s+/g, " ").trim();
      markDirty();
    });
    const tools = document.createElement("div");
    tools.className = "segment__tools";
    if (data.can_edit) {
      tools.append(
        button(gettext("Split"), gettext("Split this segment at the cursor"), () => split(index, text)),
        button(gettext("Merge ↓"), gettext("Merge with the next segment"), () => merge(index))
      );
    }
    item.append(time, speaker, text, tools);
    return item;
  }

  function caretOffset(element) {
    const selection = window.getSelection();
    if (!selection.rangeCount || !element.contains(selection.anchorNode)) return null;
    const range = selection.getRangeAt(0).cloneRange();
    range.selectNodeContents(element);
    range.setEnd(selection.anchorNode, selection.anchorOffset);
    return range.toString().length;
  }

  function split(index, element) {
    const segment = segments[index];
    const offset = caretOffset(element);
    if (offset === null || offset <= 0 || offset >= segment.text.length) {
      saveStatus.textContent = gettext("Put the cursor where the segment should split.");
      return;
    }
    const before = segment.text.slice(0, offset).trim();
    const after = segment.text.slice(offset).trim();
    const wordsBefore = before.split(/\s+/).length;
    const words = segment.words || [];
    const aligned = words.map((w) => w[2]).join(" ") === segment.text;
    let boundary;
    if (aligned && words[wordsBefore]) {
      boundary = words[wordsBefore][0];
    } else {
      boundary = segment.start + (segment.end - segment.start) * (offset / segment.text.length);
    }
    const first = { ...segment, end: boundary, text: before, words: aligned ? words.slice(0, wordsBefore) : [] };
    const second = { id: null, start: boundary, end: segment.end, speaker: segment.speaker, text: after, words: aligned ? words.slice(wordsBefore) : [] };
    segments.splice(index, 1, first, second);
    markDirty();
    render();
  }

  function merge(index) {
    if (index >= segments.length - 1) return;
    const a = segments[index];
    const b = segments[index + 1];
    segments.splice(index, 2, {
      ...a,
      end: Math.max(a.end, b.end),
      text: (a.text + " " + b.text).trim(),
      words: (a.words || []).concat(b.words || []),
    });
    markDirty();
    render();
  }

  // Find the segment playing at `time` with a binary search; only the two affected rows change.
  function highlight(time) {
    let low = 0;
    let high = segments.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (segments[mid].start <= time) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found === current) return;
    const rows = list.children;
    if (current >= 0 && rows[current]) rows[current].classList.remove("is-current");
    current = found;
    if (current >= 0 && rows[current]) {
      rows[current].classList.add("is-current");
      const editing = rows[current].contains(document.activeElement);
      if (follow.checked && !editing && !player.paused) {
        rows[current].scrollIntoView({ block: "nearest", behavior: reducedMotion ? "auto" : "smooth" });
      }
    }
  }

  async function save() {
    if (!saveButton) return;
    saveButton.disabled = true;
    saveStatus.textContent = gettext("Saving…");
    try {
      const response = await fetch(data.save_url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "X-CSRFToken": document.cookie.match(/csrftoken=([^;]+)/)?.[1] || window.wagtailConfig?.CSRF_TOKEN || "",
        },
        body: JSON.stringify({ segments, revision, corrected: corrected ? corrected.checked : undefined }),
      });
      const body = await response.json();
      if (!response.ok) {
        saveStatus.textContent = interpolate(gettext("Not saved: %s"), [body.error]);
        return;
      }
      revision = body.revision;
      segments = body.segments;
      dirty = false;
      saveStatus.textContent = interpolate(gettext("Saved at %s"), [new Date(body.saved_at).toLocaleTimeString(document.documentElement.lang)]);
      render();
    } catch (error) {
      saveStatus.textContent = gettext("Not saved: the server could not be reached. Your text is still here.");
    } finally {
      saveButton.disabled = false;
    }
  }

  player.addEventListener("timeupdate", () => highlight(player.currentTime));
  player.addEventListener("seeked", () => highlight(player.currentTime));
  if (saveButton) saveButton.addEventListener("click", save);
  if (corrected) corrected.addEventListener("change", markDirty);
  window.addEventListener("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      player.paused ? player.play() : player.pause();
    } else if (event.altKey && (event.key === "j" || event.key === "J")) {
      event.preventDefault();
      player.currentTime = Math.max(0, player.currentTime - 5);
    } else if (event.altKey && (event.key === "l" || event.key === "L")) {
      event.preventDefault();
      player.currentTime = player.currentTime + 5;
    } else if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      save();
    }
  });
  render();
})();
