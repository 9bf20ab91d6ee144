// The testimony player: the transcript follows the recording, any time link seeks, a moment can
// be linked and copied, the transcript can be searched, and where an English translation is
// published the reader can switch to it. Without this script the page still works: the audio
// plays (from ?t= through a media fragment), both transcripts are shown, links are anchors.
(() => {
  "use strict";
  const player = document.querySelector("[data-player]");
  if (!player) return;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const sections = Array.from(document.querySelectorAll("[data-transcript]"));
  let items = [];
  let starts = [];
  let follow = null;
  let current = -1;

  function show(section) {
    sections.forEach((other) => (other.hidden = other !== section));
    const list = section.querySelector("[data-segments]");
    if (current >= 0 && items[current]) {
      items[current].classList.remove("is-current");
      items[current].removeAttribute("aria-current");
    }
    items = Array.from(list.children);
    starts = items.map((item) => Number(item.dataset.start));
    follow = section.querySelector("[data-follow]");
    current = -1;
    highlight(player.currentTime);
  }

  function indexAt(time) {
    // The last segment starting at or before `time` (binary search: 1,500 segments, no scan).
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle] <= time) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  function highlight(time) {
    const next = indexAt(time);
    if (next === current) return;
    if (current >= 0) {
      items[current].classList.remove("is-current");
      items[current].removeAttribute("aria-current");
    }
    current = next;
    if (current < 0) return;
    const item = items[current];
    item.classList.add("is-current");
    item.setAttribute("aria-current", "true");
    if (follow && follow.checked && !item.parentElement.contains(document.activeElement)) {
      const box = item.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        item.scrollIntoView({ block: "center", behavior: reducedMotion ? "auto" : "smooth" });
      }
    }
  }

  function momentUrl(seconds) {
    const url = new URL(window.location.href);
    url.searchParams.set("t", String(Math.floor(seconds)));
    url.hash = "";
    return url.toString();
  }

  function seek(seconds, play) {
    player.currentTime = seconds;
    highlight(seconds);
    history.replaceState(null, "", momentUrl(seconds));
    if (play) player.play().catch(() => {});
  }

  player.addEventListener("timeupdate", () => highlight(player.currentTime));
  player.addEventListener("seeked", () => highlight(player.currentTime));

  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-seek]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    seek(Number(link.dataset.seek), true);
  });

  const share = document.querySelector("[data-share]");
  if (share) {
    share.hidden = false;
    const status = share.querySelector("[data-copy-status]");
    share.querySelector("[data-copy-moment]").addEventListener("click", async () => {
      const url = momentUrl(player.currentTime);
      try {
        await navigator.clipboard.writeText(url);
        status.textContent = share.dataset.copied + " " + url;
      } catch {
        status.textContent = url;
      }
    });
  }

  sections.forEach((section) => {
    const tools = section.querySelector("[data-transcript-tools]");
    const sectionItems = Array.from(section.querySelectorAll("[data-segments] > li"));
    if (!tools) return;
    tools.hidden = false;
    const find = tools.querySelector("[data-find]");
    const findStatus = tools.querySelector("[data-find-status]");
    const texts = sectionItems.map((item) => item.textContent.toLocaleLowerCase());
    let matches = [];
    let shown = -1;
    find.addEventListener("input", () => {
      const wanted = find.value.trim().toLocaleLowerCase();
      matches.forEach((index) => sectionItems[index].classList.remove("is-match"));
      matches = wanted.length > 1 ? texts.flatMap((text, i) => (text.includes(wanted) ? [i] : [])) : [];
      matches.forEach((index) => sectionItems[index].classList.add("is-match"));
      shown = -1;
      findStatus.textContent = wanted.length > 1 ? matches.length + " " + findStatus.dataset.found : "";
    });
    find.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || !matches.length) return;
      event.preventDefault();
      shown = (shown + 1) % matches.length;
      const link = sectionItems[matches[shown]].querySelector("[data-seek]");
      link.focus();
      link.scrollIntoView({ block: "center", behavior: reducedMotion ? "auto" : "smooth" });
    });
  });

  const switcher = document.querySelector("[data-transcript-switch]");
  if (switcher) {
    switcher.hidden = false;
    switcher.addEventListener("click", (event) => {
      const button = event.target.closest("[data-show-transcript]");
      if (!button) return;
      switcher.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
      show(sections.find((section) => section.dataset.transcript === button.dataset.showTranscript));
    });
  }

  if (sections.length) show(sections[0]);
  const startAt = Number(player.dataset.startAt || 0);
  if (startAt) {
    const start = () => seek(startAt, false);
    if (player.readyState >= 1) start();
    else player.addEventListener("loadedmetadata", start, { once: true });
  }
})();
