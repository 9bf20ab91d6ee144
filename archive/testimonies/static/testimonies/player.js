// The testimony player: the transcript follows the recording, any time link seeks, a moment can
// be linked and copied, and the transcript can be searched. Without this script the page still
// works: the audio plays (from ?t= through a media fragment) and every link is a plain anchor.
(() => {
  "use strict";
  const player = document.querySelector("[data-player]");
  const list = document.querySelector("[data-segments]");
  if (!player) return;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const items = list ? Array.from(list.children) : [];
  const starts = items.map((item) => Number(item.dataset.start));
  const follow = document.querySelector("[data-follow]");
  let current = -1;

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
    if (follow && follow.checked && !list.contains(document.activeElement)) {
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

  const tools = document.querySelector("[data-transcript-tools]");
  if (tools && list) {
    tools.hidden = false;
    const find = tools.querySelector("[data-find]");
    const findStatus = tools.querySelector("[data-find-status]");
    const texts = items.map((item) => item.textContent.toLocaleLowerCase());
    let matches = [];
    let shown = -1;
    find.addEventListener("input", () => {
      const wanted = find.value.trim().toLocaleLowerCase();
      matches.forEach((index) => items[index].classList.remove("is-match"));
      matches = wanted.length > 1 ? texts.flatMap((text, i) => (text.includes(wanted) ? [i] : [])) : [];
      matches.forEach((index) => items[index].classList.add("is-match"));
      shown = -1;
      findStatus.textContent = wanted.length > 1 ? matches.length + " " + findStatus.dataset.found : "";
    });
    find.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || !matches.length) return;
      event.preventDefault();
      shown = (shown + 1) % matches.length;
      const link = items[matches[shown]].querySelector("[data-seek]");
      link.focus();
      link.scrollIntoView({ block: "center", behavior: reducedMotion ? "auto" : "smooth" });
    });
  }

  const startAt = Number(player.dataset.startAt || 0);
  if (startAt) {
    const start = () => seek(startAt, false);
    if (player.readyState >= 1) start();
    else player.addEventListener("loadedmetadata", start, { once: true });
  }
  highlight(player.currentTime || startAt);
})();
