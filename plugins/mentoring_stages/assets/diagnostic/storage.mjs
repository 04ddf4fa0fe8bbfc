// What this browser keeps, only when the visitor asked: their answers and their choice of framework.
// The checkbox "Remember my answers" is the one consent for both, and always shows what is stored.

const ANSWERS_KEY = "mentoring-stages:diagnostic";
const FRAMEWORK_KEY = "mentoring-stages:diagnostic-framework";

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
