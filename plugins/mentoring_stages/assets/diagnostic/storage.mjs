// What this browser keeps, only when the visitor asked: their answers and their choice of framework,
// with the answers of each day they took the diagnostic (their history, history.mjs). The checkbox
// "Remember my answers" is the one consent for all three, and Forget erases all three. Apart, and
// only when a coordinator asks: how the columns of their survey exports match the questions.
import { parseHistory, withEntry } from "./history.mjs";

const ANSWERS_KEY = "mentoring-stages:diagnostic";
const FRAMEWORK_KEY = "mentoring-stages:diagnostic-framework";
const HISTORY_KEY = "mentoring-stages:diagnostic-history";
const MATCHES_KEY = "mentoring-stages:cohort-matches";

/** The store over `getStorage()` (localStorage); `onRefused()` when the browser refuses it. */
export function keeper(getStorage, onRefused) {
  const use = (action) => {
    try {
      return action(getStorage());
    } catch {
      onRefused();
      return null;
    }
  };
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
