// The first frame (src/first_frame.rs) until the app starts, in index.html's
// head: it runs before the frame is parsed.
//
// - A returning user's drafts and settings are not the blank notice the
//   frame shows: the frame stays hidden and the app draws the page itself.
//   Their service worker serves them the page without the frame
//   (returning.html), once this script has told it they are returning.
// - A new user can type, tick, open and click in the frame at once. The
//   fields keep what was typed; clicks on buttons are noted here, and an
//   IME composition under way is waited for (replacing its field would
//   drop what the IME holds).
// - handOver(start) replaces the frame by the app in one task, so no frame
//   is drawn in between: it notes the frame's state, removes it, starts the
//   app, and replays the state into the app's own elements, through the
//   events the app listens to, as if the user had done it there.
"use strict";
window.firstFrame = (() => {
  const PREFIX = "notice-desk/";
  let returning = false;
  try {
    // The open draft's key says so at once; any other key of the app's
    // (drafts, settings) too.
    returning = localStorage.getItem(PREFIX + "current") !== null;
    for (let i = 0; !returning && i < localStorage.length; i++) {
      returning = localStorage.key(i).startsWith(PREFIX);
    }
  } catch {
    // No storage: the app starts with a blank notice, as the frame shows.
  }
  if (returning) document.documentElement.classList.add("returning");
  // The page module, compiled from here: the start script is a module,
  // run only once the page is parsed, and a repeat visit has the bytes at
  // once. It falls back to its own fetch if this fails.
  const wasm = document.querySelector('link[rel="preload"][type="application/wasm"]');
  let compiled = null;
  if (wasm && typeof WebAssembly === "object" && WebAssembly.compileStreaming) {
    compiled = WebAssembly.compileStreaming(fetch(wasm.href)).catch(() => null);
  }
  const within = (event) => event.target instanceof Element && event.target.closest("#first-frame");
  const clicked = [];
  let composing = false;
  addEventListener("click", (event) => {
    const button = within(event) && event.target.closest("button[id]");
    if (button) clicked.push(button.id);
  }, true);
  addEventListener("submit", (event) => { if (within(event)) event.preventDefault(); }, true);
  addEventListener("compositionstart", (event) => { composing = !!within(event); }, true);
  addEventListener("compositionend", () => { composing = false; }, true);

  const fire = (element, type) => element.dispatchEvent(new Event(type, { bubbles: true }));
  const changed = (field) => field.type === "checkbox" || field.type === "radio"
    ? field.checked !== field.defaultChecked
    : field.tagName === "SELECT"
      ? [...field.options].some((option) => option.selected !== option.defaultSelected)
      : field.value !== field.defaultValue;

  const replace = (frame, start) => {
    if (returning) {
      // Hidden all along: nothing to hand over.
      frame.remove();
      return start();
    }
    const focused = frame.contains(document.activeElement) ? document.activeElement : null;
    const edits = [...frame.querySelectorAll("input[id], textarea[id], select[id]")]
      .filter(changed)
      .map((field) => ({ id: field.id, value: field.value, checked: field.checked, left: field !== focused }));
    const opened = [...frame.querySelectorAll("details")].map((details) => details.open);
    const caret = focused && focused.id && {
      id: focused.id,
      range: "selectionStart" in focused && focused.selectionStart !== null
        ? [focused.selectionStart, focused.selectionEnd, focused.selectionDirection]
        : null,
    };
    const [x, y] = [scrollX, scrollY];
    frame.remove();
    start();
    for (const edit of edits) {
      const field = document.getElementById(edit.id);
      if (!field) continue;
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked !== edit.checked) field.click();
        continue;
      }
      field.value = edit.value;
      fire(field, "input");
      // A field is committed when it is left (发文字号 is normalised then):
      // at once if the user has left it, else when they do.
      if (edit.left || field.tagName === "SELECT") fire(field, "change");
      else field.addEventListener("blur", () => fire(field, "change"), { once: true });
    }
    document.querySelectorAll("details").forEach((details, i) => {
      if (i < opened.length) details.open = opened[i];
    });
    for (const id of clicked) document.getElementById(id)?.click();
    const field = caret && document.getElementById(caret.id);
    if (field) {
      field.focus({ preventScroll: true });
      if (caret.range) field.setSelectionRange(...caret.range);
    }
    // Only if scrolled: it lays the page out at once, not in the next frame.
    if (x || y) scrollTo(x, y);
  };

  // The page module is async: it may be ready before the frame is parsed.
  const parsing = () => document.readyState === "loading";
  const parsed = (then) => addEventListener("DOMContentLoaded", then, { once: true });

  return {
    // The page module compiled, or null.
    compiled: () => compiled,
    // Starts the app (`start`, the module's export) in place of the frame.
    handOver(start) {
      if (parsing()) return parsed(() => this.handOver(start));
      const frame = document.getElementById("first-frame");
      // The service worker serves a returning user the page without the
      // frame (sw.js): tell it when this page was the other one.
      if (!frame === !returning) navigator.serviceWorker?.controller?.postMessage({ returning });
      if (!frame) return start();
      if (!composing) return replace(frame, start);
      addEventListener("compositionend", () => setTimeout(() => this.handOver(start)), { once: true, capture: true });
    },
    // The app cannot start here: what the frame holds would not be kept.
    failed() {
      if (parsing()) return parsed(() => this.failed());
      const frame = document.getElementById("first-frame");
      if (frame) frame.inert = true;
      const note = document.createElement("p");
      note.className = "banner error";
      note.setAttribute("role", "alert");
      note.textContent = "通知起草台未能在此浏览器中启动，输入的内容不会保存。请使用较新版本的 Chrome、Edge 或 360 等浏览器（极速模式）打开。";
      document.body.prepend(note);
    },
  };
})();
