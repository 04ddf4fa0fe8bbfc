// Added to every page: does nothing unless the page holds the diagnostic ([data-msd]) or the cohort
// page ([data-msc]), and only then starts Pyodide's worker and imports the page's module. With
// Material's instant navigation this script runs once, so it follows `document$` (one emission per
// page shown) and falls back to the current page.
let unmount = null;

// The pages that use the worker: the diagnostic, and the cohort page ([data-msc]).
const PAGES = [["[data-msd]", () => import("./diagnostic.mjs")], ["[data-msc]", () => import("./cohort.mjs")]];

function check() {
  unmount?.();
  unmount = null;
  const [root, page] = PAGES.map(([selector, load]) => [document.querySelector(selector), load])
    .find(([element]) => element) ?? [];
  if (!root) return;
  // The worker first: Python takes seconds to start, the page module only a moment to arrive.
  import("./runtime.mjs").then(({ startRuntime }) => startRuntime(root));
  page().then(({ mount }) => {
    if (root.isConnected) unmount = mount(root);
  });
}

if (window.document$?.subscribe) window.document$.subscribe(check);
else check(); // module scripts run once the document is parsed, so the element is already there
