// Redaction page: select words to redact them, seek players, draw rectangles on photos.
(() => {
  "use strict";
  const original = document.querySelector("[data-original-player]");
  const redacted = document.querySelector("[data-redacted-player]");

  document.querySelectorAll("[data-words]").forEach((words) => {
    const form = words.parentElement.querySelector("[data-add-form]");
    if (!form) return;
    const status = form.querySelector("[data-selection]");
    document.addEventListener("selectionchange", () => {
      const selection = document.getSelection();
      if (!selection.rangeCount || selection.isCollapsed) return;
      const range = selection.getRangeAt(0);
      if (!words.contains(range.commonAncestorContainer)) return;
      const chosen = [...words.querySelectorAll("[data-i]")].filter((w) => range.intersectsNode(w));
      if (!chosen.length) return;
      form.querySelector("[data-first]").value = chosen[0].dataset.i;
      form.querySelector("[data-last]").value = chosen[chosen.length - 1].dataset.i;
      form.querySelector("[data-phrase]").value = "";
      status.textContent = interpolate(gettext("Selected: %s"), [chosen.map((w) => w.textContent).join("").trim()]);
    });
    words.addEventListener("dblclick", (event) => {
      const word = event.target.closest("[data-i]");
      if (word && original) original.currentTime = Number(word.dataset.t);
    });
  });

  document.addEventListener("click", (event) => {
    const seek = event.target.closest("[data-seek]");
    if (seek && original) {
      original.currentTime = Number(seek.dataset.seek);
      original.play();
    }
    const listen = event.target.closest("[data-seek-redacted]");
    if (listen && redacted) {
      redacted.currentTime = Number(listen.dataset.seekRedacted);
      const stopAt = Number(listen.dataset.stopAt || Infinity);
      const stop = () => {
        if (redacted.currentTime >= stopAt) {
          redacted.pause();
          redacted.removeEventListener("timeupdate", stop);
        }
      };
      redacted.addEventListener("timeupdate", stop);
      redacted.play();
    }
  });

  document.querySelectorAll("[data-photo-canvas]").forEach((canvas) => {
    const form = canvas.parentElement.querySelector("[data-rectangle-form]");
    const box = canvas.querySelector("[data-drawing]");
    if (!form) return;
    let origin = null;
    const percent = (event) => {
      const r = canvas.getBoundingClientRect();
      return [
        Math.min(100, Math.max(0, ((event.clientX - r.left) / r.width) * 100)),
        Math.min(100, Math.max(0, ((event.clientY - r.top) / r.height) * 100)),
      ];
    };
    const draw = (event) => {
      const [x, y] = percent(event);
      const left = Math.min(origin[0], x), top = Math.min(origin[1], y);
      const width = Math.abs(x - origin[0]), height = Math.abs(y - origin[1]);
      Object.assign(box.style, { left: left + "%", top: top + "%", width: width + "%", height: height + "%" });
      box.hidden = false;
      form.x.value = left.toFixed(1);
      form.y.value = top.toFixed(1);
      form.width.value = Math.max(0.1, width).toFixed(1);
      form.height.value = Math.max(0.1, height).toFixed(1);
    };
    canvas.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      origin = percent(event);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", (event) => origin && draw(event));
    canvas.addEventListener("pointerup", (event) => {
      if (origin) draw(event);
      origin = null;
    });
  });
})();
