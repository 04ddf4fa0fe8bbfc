// The form: the visitor's answers as state, and the radios, textarea and mode that show them.
//
// The state holds what the visitor gave; answers the engine read from a description are shown
// ticked and marked "read from your description" but stay out of the state until the visitor picks
// an option there, so a misreading is one click to correct and never counts as their own answer.

/**
 * The engine's request for a state: the description counts only in description mode. `framework`
 * (the visitor's pick or the site's, when either names one) is the one the headline comes from.
 */
export function requestFor({ mode, answers, text }, framework = null) {
  const request = { answers: { ...answers }, text: mode === "description" ? text : "" };
  return framework ? { ...request, framework } : request;
}

export const isEmpty = (request) => Object.keys(request.answers).length === 0 && !request.text.trim();

export const emptyState = (mode = "questions") => ({ mode, answers: {}, text: "" });

/** The form inside `root`: {questions, read(), write(state), showReadings(evidence)}. */
export function formOf(root) {
  const form = root.querySelector("[data-msd-form]");
  const textArea = root.querySelector("[data-msd-text]");
  const fieldsets = new Map(
    [...root.querySelectorAll("[data-msd-question]")].map((fieldset) => [fieldset.dataset.msdQuestion, fieldset]),
  );
  const radios = (id) => [...fieldsets.get(id).querySelectorAll("input[type=radio]")];
  // A site in a language the engine cannot read descriptions in offers the questions alone.
  const describable = Boolean(form.elements["msd-mode"]);
  const modeOf = (mode) => (describable && mode === "description" ? "description" : "questions");
  let state = emptyState();

  function showMode(mode) {
    root.dataset.msdMode = mode;
    for (const section of root.querySelectorAll("[data-msd-section]")) {
      section.hidden = !section.dataset.msdSection.split(" ").includes(mode);
    }
  }

  return {
    form,
    textArea,
    maxText: textArea.maxLength,
    /** question id -> Set of its option ids, as the page shows them. */
    questions: new Map([...fieldsets.keys()].map((id) => [id, new Set(radios(id).map((input) => input.value))])),
    read: () => ({ ...state, answers: { ...state.answers } }),
    /** What the page shows now: answers given before the module arrived count too. */
    shown() {
      const answers = {};
      for (const id of fieldsets.keys()) {
        const checked = radios(id).find((input) => input.checked);
        if (checked) answers[id] = checked.value;
      }
      return { mode: modeOf(form.elements["msd-mode"]?.value), answers, text: textArea.value };
    },
    write(next) {
      state = { mode: modeOf(next.mode), answers: { ...next.answers }, text: next.text };
      if (describable) form.elements["msd-mode"].value = state.mode;
      textArea.value = state.text;
      for (const id of fieldsets.keys()) {
        for (const input of radios(id)) input.checked = state.answers[id] === input.value;
      }
      this.showReadings([]);
      showMode(state.mode);
    },
    /** Take in an event from the form; true when the state changed. */
    take(event) {
      const input = event.target;
      if (input.name === "msd-mode") {
        state.mode = modeOf(input.value);
        showMode(state.mode);
      } else if (input === textArea) {
        state.text = textArea.value;
      } else if (input.type === "radio" && input.closest("[data-msd-question]")) {
        state.answers[input.closest("[data-msd-question]").dataset.msdQuestion] = input.value;
      } else {
        return false;
      }
      return true;
    },
    /** The visitor gives an answer (confirming one read from their description, say). */
    give(id, option) {
      state.answers[id] = option;
      for (const input of radios(id)) input.checked = input.value === option;
    },
    /** Tick and mark what the engine read from the description; `evidence` of the result format. */
    showReadings(evidence) {
      const readings = new Map(evidence.filter((item) => item.from === "text").map((item) => [item.question, item]));
      for (const [id, fieldset] of fieldsets) {
        const reading = state.answers[id] ? null : readings.get(id);
        for (const input of radios(id)) {
          input.checked = (state.answers[id] ?? reading?.option) === input.value;
          input.closest("label").classList.toggle("is-read", Boolean(reading) && input.value === reading.option);
        }
        fieldset.classList.toggle("is-read", Boolean(reading));
        fieldset.querySelector("[data-msd-read]").hidden = !reading;
      }
    },
    /** Mark the questions the engine says would help most, the first above all. */
    showAskNext(ids) {
      for (const [id, fieldset] of fieldsets) {
        fieldset.classList.toggle("is-asked", ids[0] === id);
        fieldset.querySelector("[data-msd-asked]").hidden = ids[0] !== id;
      }
    },
  };
}
