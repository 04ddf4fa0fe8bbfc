// What this browser keeps. Across visits, only when the visitor asked ("Remember my answers"): their
// answers and their choice of framework. Within the tab, for as long as it is open: the page as the
// visitor left it, so that a link followed and Back bring it back (Material's instant navigation
// shows a page afresh); sessionStorage is the tab's own and goes with it.

const ANSWERS_KEY = "mentoring-stages:diagnostic";
const FRAMEWORK_KEY = "mentoring-stages:diagnostic-framework";
const TAB_KEY = "mentoring-stages:diagnostic-tab";

/** Runs `action` on the storage, or calls `onRefused()` and gives null when the browser refuses. */
function using(getStorage, onRefused) {
  return (action) => {
    try {
      return action(getStorage());
    } catch {
      onRefused();
      return null;
    }
  };
}

/** The store over `getStorage()` (localStorage); `onRefused()` when the browser refuses it. */
export function keeper(getStorage, onRefused) {
  const use = using(getStorage, onRefused);
  return {
    answers: () => use((store) => store.getItem(ANSWERS_KEY)),
    framework: () => use((store) => store.getItem(FRAMEWORK_KEY)),
    keep(answersFragment, framework) {
      use((store) => {
        store.setItem(ANSWERS_KEY, answersFragment);
        store.setItem(FRAMEWORK_KEY, framework);
      });
    },
    forget() {
      use((store) => {
        store.removeItem(ANSWERS_KEY);
        store.removeItem(FRAMEWORK_KEY);
      });
    },
  };
}

/**
 * The tab's memory over `getStorage()` (sessionStorage): one snapshot of the page, as JSON-able
 * data the page chooses ({answers, framework, link, partner}); a browser that refuses it keeps none.
 */
export function tabMemory(getStorage) {
  const use = using(getStorage, () => {});
  return {
    load() {
      const kept = use((store) => store.getItem(TAB_KEY));
      try {
        return kept ? JSON.parse(kept) : null;
      } catch {
        return null;
      }
    },
    save(snapshot) {
      use((store) => store.setItem(TAB_KEY, JSON.stringify(snapshot)));
    },
    forget() {
      use((store) => store.removeItem(TAB_KEY));
    },
  };
}
