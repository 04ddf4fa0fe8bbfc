// What this browser keeps. Across visits, only when the visitor asked ("Remember my answers"): their
// answers and their choice of framework, with the answers of each day they took the diagnostic
// (their history, history.mjs); the checkbox is the one consent for all three, and Forget erases
// all three. Apart, and only when a coordinator asks: how the columns of their survey exports
// match the questions. Within the tab, for as long as it is open: the page as the visitor left it,
// so that a link followed and Back bring it back (Material's instant navigation shows a page
// afresh); sessionStorage is the tab's own and goes with it.
import { parseHistory, withEntry } from "./history.mjs";

const ANSWERS_KEY = "mentoring-stages:diagnostic";
const FRAMEWORK_KEY = "mentoring-stages:diagnostic-framework";
const HISTORY_KEY = "mentoring-stages:diagnostic-history";
const MATCHES_KEY = "mentoring-stages:cohort-matches";
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
    history: () => use((store) => parseHistory(store.getItem(HISTORY_KEY))) ?? [],
    keep(answersFragment, framework) {
      use((store) => {
        store.setItem(ANSWERS_KEY, answersFragment);
        store.setItem(FRAMEWORK_KEY, framework);
      });
    },
    /** The day's answers join the history (a day's earlier ones are replaced). */
    record(day, answersFragment) {
      use((store) => store.setItem(
        HISTORY_KEY, JSON.stringify(withEntry(parseHistory(store.getItem(HISTORY_KEY)), day, answersFragment)),
      ));
    },
    forget() {
      use((store) => {
        store.removeItem(ANSWERS_KEY);
        store.removeItem(FRAMEWORK_KEY);
        store.removeItem(HISTORY_KEY);
      });
    },
    forgetHistory: () => use((store) => store.removeItem(HISTORY_KEY)),
    /** The coordinator's remembered column matches: {header key: target}. */
    matches() {
      const parsed = use((store) => {
        try {
          return JSON.parse(store.getItem(MATCHES_KEY) ?? "{}");
        } catch {
          return {};
        }
      });
      const valid = parsed && typeof parsed === "object" && !Array.isArray(parsed);
      return valid ? Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === "string")) : {};
    },
    keepMatches: (matches) => use((store) => store.setItem(MATCHES_KEY, JSON.stringify(matches))),
    forgetMatches: () => use((store) => store.removeItem(MATCHES_KEY)),
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
