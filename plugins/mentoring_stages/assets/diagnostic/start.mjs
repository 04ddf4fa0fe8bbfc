// Starts the diagnostic's worker from the page's head (early.py puts this module there, async), as
// soon as the diagnostic's element has been parsed: Python's seconds then start before the theme's
// bundle has arrived, which the loader and the page module wait for. They find the runtime under
// way (runtime.mjs starts one per visit).
import { startRuntime } from "./runtime.mjs";

const found = () => document.querySelector("[data-msd]");

if (found()) {
  startRuntime(found());
} else {
  // Its attributes, all the runtime reads, are there as soon as the element is.
  const watcher = new MutationObserver(() => {
    if (!found()) return;
    watcher.disconnect();
    startRuntime(found());
  });
  watcher.observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => watcher.disconnect(), { once: true });
}
