// The diagnostic page: reads the answers, asks the worker, shows the result; share, compare, remember.
//
// Imported by loader.mjs only on a page with [data-msd]. Every string that comes from a link, from
// storage or from the engine reaches the page through textContent, never as markup.
import { decodeShare, encodeShare, ShareError } from "./share.mjs";
import { startRuntime } from "./runtime.mjs";

const STORAGE_KEY = "mentoring-stages:diagnostic";
const TYPING_DELAY_MS = 350;
const STAGES = { downloading: 1, starting: 2, installing: 3 };
const STATUS_TEXT = {
  downloading: "Downloading the diagnostic…",
  starting: "Starting Python in your browser…",
  installing: "Installing the diagnostic…",
  ready: "The diagnostic is ready. It runs in your browser; your answers are not sent anywhere.",
};
const FAILURE_TEXT = {
  file: "The diagnostic cannot run from a file opened on this computer. Open the site through a web server (for example with `mkdocs serve`).",
  wasm: "The diagnostic could not start: its WebAssembly file could not be loaded. If you run this site, check that it serves .wasm files with the type application/wasm.",
  timeout: "The diagnostic is taking too long to start. Check your connection and reload the page; you can still read the questions.",
  start: "The diagnostic could not start in this browser. Reload the page to try again; you can still read the questions.",
  engine: "The diagnostic's engine could not be installed. Reload the page to try again.",
  model: "The diagnostic's questions could not be loaded. Reload the page to try again.",
};

let requests = 0; // numbers every request of the visit, so a page shown again never takes an old answer

/** Bring one diagnostic element to life; return a function that lets go of it (page left). */
export function mount(root) {
  const $ = (selector) => root.querySelector(selector);
  const $$ = (selector) => [...root.querySelectorAll(selector)];
  const form = $("[data-msd-form]");
  const textArea = $("[data-msd-text]");
  const message = $("[data-msd-message]");
  const questions = new Map(
    $$("[data-msd-question]").map((fieldset) => [
      fieldset.dataset.msdQuestion,
      new Set([...fieldset.querySelectorAll("input[type=radio]")].map((input) => input.value)),
    ]),
  );
  const cleanups = [];
  const on = (target, type, handler) => {
    target.addEventListener(type, handler);
    cleanups.push(() => target.removeEventListener(type, handler));
  };

  let partner = null; // {mode, answers, text} once a partner's link is loaded
  let latest = 0; // the number of the latest request of this page
  let inFlight = false; // at most one request at the worker; the latest waits its turn
  let typingTimer = 0;

  $("[data-msd-stuck]").remove();
  for (const element of $$("[data-msd-loading], [data-msd-modes], [data-msd-actions], [data-msd-result], [data-msd-share]")) {
    element.hidden = false;
  }

  // -- the answers --------------------------------------------------------------------------------

  function readState() {
    const mode = form.elements["msd-mode"].value === "description" ? "description" : "questions";
    const answers = {};
    for (const id of questions.keys()) {
      const checked = form.querySelector(`input[name="msd-q-${CSS.escape(id)}"]:checked`);
      if (checked) answers[id] = checked.value;
    }
    return { mode, answers, text: textArea.value };
  }

  function writeState({ mode, answers, text }) {
    form.elements["msd-mode"].value = mode;
    for (const id of questions.keys()) {
      for (const input of form.querySelectorAll(`input[name="msd-q-${CSS.escape(id)}"]`)) {
        input.checked = answers[id] === input.value;
      }
    }
    textArea.value = text;
    showMode(mode);
  }

  function showMode(mode) {
    for (const section of $$("[data-msd-section]")) section.hidden = section.dataset.msdSection !== mode;
  }

  /** The engine's request for what the visitor sees: only the chosen mode's input counts. */
  function requestFor({ mode, answers, text }) {
    return mode === "description" ? { answers: {}, text } : { answers, text: "" };
  }

  const isEmpty = (request) => Object.keys(request.answers).length === 0 && !request.text.trim();

  // -- talking to the worker -------------------------------------------------------------------

  const state = startRuntime(root);

  function update() {
    const current = readState();
    remember(current);
    latest = ++requests;
    if (isEmpty(requestFor(current))) {
      showEmpty();
      return;
    }
    send();
  }

  function send() {
    if (inFlight || state.stage !== "ready" || state.failure) return;
    const request = requestFor(readState());
    if (isEmpty(request)) return;
    if (partner) request.partner = requestFor(partner);
    inFlight = true;
    state.worker.postMessage({ type: "diagnose", id: latest, request });
  }

  on(state.worker ?? new EventTarget(), "message", ({ data }) => {
    if (data.type !== "result") return;
    inFlight = false;
    if (data.id !== latest) {
      send(); // the answers changed meanwhile: ask again, with the latest
      return;
    }
    let result;
    try {
      result = JSON.parse(data.json);
    } catch {
      result = { error: { message: "The engine gave an answer that could not be read." } };
    }
    if (result.error) showProblem(`The diagnostic could not work this out: ${result.error.message}`);
    else showResult(result);
  });

  function showStatus() {
    const status = $("[data-msd-status]");
    const progress = $("[data-msd-progress]");
    const detail = $("[data-msd-detail]");
    root.dataset.msdState = state.failure ? "failed" : state.stage;
    if (state.failure) {
      status.textContent = FAILURE_TEXT[state.failure.reason] ?? FAILURE_TEXT.start;
      progress.hidden = true;
      detail.hidden = !state.failure.detail;
      $("[data-msd-detail-text]").textContent = state.failure.detail;
    } else {
      status.textContent = STATUS_TEXT[state.stage];
      progress.hidden = state.stage === "ready";
      progress.value = STAGES[state.stage] ?? 3;
      detail.hidden = true;
    }
    if (state.stage === "ready" && !state.failure) send();
  }
  on(state.events, "change", showStatus);
  showStatus();

  // -- showing the result ------------------------------------------------------------------------

  const stageName = (frameworkId, stageId) =>
    root.querySelector(`[data-msd-framework="${CSS.escape(frameworkId)}"] [data-msd-bar="${CSS.escape(stageId)}"] dt`)
      ?.textContent ?? stageId;
  const frameworkName = (frameworkId) =>
    root.querySelector(`#msd-fw-${CSS.escape(frameworkId)}`)?.textContent ?? frameworkId;
  const percent = (p) => `${Math.round(p * 100)}%`;

  function fillList(list, items, text = (item) => item) {
    list.replaceChildren(...items.map((item) => {
      const li = document.createElement("li");
      li.textContent = text(item);
      return li;
    }));
    return items.length > 0;
  }

  function showEmpty() {
    $("[data-msd-summary]").textContent = "Answer a question or write a description to see your likely stage.";
    for (const box of $$("[data-framework][data-stage]")) {
      box.classList.remove("is-likely");
      delete box.dataset.probability;
      box.style.removeProperty("opacity");
    }
    for (const article of $$("[data-msd-framework]")) {
      article.querySelector("[data-msd-likely]").textContent = "No result yet.";
      article.querySelector("[data-msd-next]").hidden = true;
      for (const bar of article.querySelectorAll("[data-msd-bar]")) setBar(bar, null);
    }
    for (const part of $$("[data-msd-flags], [data-msd-reasons], [data-msd-comparison]")) part.hidden = true;
    root.dataset.msdOutcome = "empty";
  }

  function setBar(bar, p) {
    bar.querySelector(".msd-bar-fill").style.width = p === null ? "0" : percent(p);
    bar.querySelector("[data-msd-value]").textContent = p === null ? "–" : percent(p);
  }

  function showResult(result) {
    message.hidden = true;
    const frameworks = result.frameworks ?? {};
    const summary = [];
    for (const [id, framework] of Object.entries(frameworks)) {
      const probabilities = framework.probabilities ?? {};
      const top = Math.max(...Object.values(probabilities), 0) || 1;
      for (const box of $$(`[data-framework="${CSS.escape(id)}"][data-stage]`)) {
        const p = Number(probabilities[box.dataset.stage] ?? 0);
        box.dataset.probability = p.toFixed(2);
        box.classList.toggle("is-likely", box.dataset.stage === framework.stage);
        box.style.opacity = String(0.35 + 0.65 * (p / top));
      }
      const article = root.querySelector(`[data-msd-framework="${CSS.escape(id)}"]`);
      if (!article) continue;
      let likely = `${framework.stage_name}, ${framework.confidence_label} confidence`;
      if (Array.isArray(framework.between) && framework.between.length === 2) {
        const [a, b] = framework.between.map((stage) => stageName(id, stage));
        likely += `; possibly moving between ${a} and ${b}`;
      }
      article.querySelector("[data-msd-likely]").textContent = `${likely}.`;
      for (const bar of article.querySelectorAll("[data-msd-bar]")) {
        setBar(bar, Number(probabilities[bar.dataset.msdBar] ?? 0));
      }
      const next = result.next_steps?.[id] ?? {};
      let any = false;
      for (const list of article.querySelectorAll("[data-msd-next-list]")) {
        const filled = fillList(list, next[list.dataset.msdNextList] ?? []);
        list.hidden = !filled;
        list.previousElementSibling.hidden = !filled;
        any ||= filled;
      }
      article.querySelector("[data-msd-next]").hidden = !any;
      summary.push(`${framework.name}: ${framework.stage_name}`);
    }

    const flags = result.flags ?? [];
    $("[data-msd-flags]").hidden = !fillFlags(flags);
    $("[data-msd-reasons]").hidden = !fillList($("[data-msd-reason-list]"), result.reasons ?? [], (reason) => reason.text);
    showComparison(result.comparison, frameworks);

    let sentence = `Most likely: ${summary.join("; ")}.`;
    if (flags.length) sentence += ` ${flags.length === 1 ? "One point needs" : `${flags.length} points need`} your attention.`;
    $("[data-msd-summary]").textContent = sentence;
    root.dataset.msdOutcome = "shown";
  }

  function fillFlags(flags) {
    const list = $("[data-msd-flag-list]");
    list.replaceChildren(...flags.map((flag) => {
      const li = document.createElement("li");
      const title = document.createElement("strong");
      title.textContent = flag.title;
      const advice = document.createElement("span");
      advice.textContent = flag.framework ? ` (${frameworkName(flag.framework)}) ${flag.advice}` : ` ${flag.advice}`;
      li.append(title, advice);
      return li;
    }));
    return flags.length > 0;
  }

  /** The engine lists only the frameworks where the two views differ; elsewhere they agree. */
  function showComparison(comparison, frameworks) {
    const section = $("[data-msd-comparison]");
    section.hidden = !comparison;
    if (!comparison) return;
    const apart = new Map((comparison.disagreements ?? []).map((row) => [row.framework, row]));
    const total = Object.keys(frameworks).length;
    $("[data-msd-comparison-summary]").textContent = comparison.agree
      ? "You and your partner place the relationship in the same stage in every framework."
      : `In ${apart.size} of ${total} frameworks your answers point to different stages. ${comparison.suggestion ?? ""}`;
    const rows = Object.entries(frameworks).map(([id, framework]) => {
      const differs = apart.get(id);
      const cells = [framework.name, framework.stage_name, differs ? differs.b.stage_name : framework.stage_name];
      if (differs) cells[2] += ` (${differs.stages_apart} ${differs.stages_apart === 1 ? "stage" : "stages"} apart)`;
      const tr = document.createElement("tr");
      tr.classList.toggle("msd-differs", Boolean(differs));
      cells.forEach((text, index) => {
        const cell = document.createElement(index ? "td" : "th");
        if (!index) cell.scope = "row";
        cell.textContent = text;
        tr.append(cell);
      });
      return tr;
    });
    $("[data-msd-comparison-rows]").replaceChildren(...rows);
  }

  function showProblem(text) {
    message.textContent = text;
    message.hidden = false;
  }

  // -- share links ---------------------------------------------------------------------------------

  function restoreFromLink(fragment) {
    let decoded;
    try {
      decoded = decodeShare(fragment, questions);
    } catch (error) {
      if (!(error instanceof ShareError)) throw error;
      showProblem(error.message);
      return false;
    }
    if (!decoded) return false; // an ordinary #anchor, not ours
    writeState(decoded.state);
    if (decoded.dropped) {
      showProblem(`${decoded.dropped} of the link's answers do not match this version of the questions and were left out.`);
    } else {
      message.hidden = true;
    }
    return true;
  }

  on($("[data-msd-copy]"), "click", async () => {
    const link = new URL(location.href);
    link.hash = encodeShare(readState());
    history.replaceState(history.state, "", link.href);
    const field = $("[data-msd-link]");
    field.value = link.href;
    field.hidden = false;
    const status = $("[data-msd-copy-status]");
    try {
      await navigator.clipboard.writeText(link.href);
      status.textContent = "Link copied. It is also in your address bar.";
    } catch {
      field.select();
      status.textContent = "Your browser did not let the page copy: the link is selected above, copy it from there.";
    }
  });

  on($("[data-msd-partner-load]"), "click", () => {
    const status = $("[data-msd-partner-status]");
    const raw = $("[data-msd-partner-input]").value.trim();
    const hashAt = raw.indexOf("#");
    try {
      const decoded = decodeShare(hashAt >= 0 ? raw.slice(hashAt) : `#${raw}`, questions);
      if (!decoded) throw new ShareError("That is not a link to diagnostic answers: it should contain #v1=");
      partner = decoded.state;
      if (isEmpty(requestFor(partner))) throw new ShareError("Your partner's link holds no answers yet.");
      status.textContent = decoded.dropped
        ? `Comparing. ${decoded.dropped} of your partner's answers do not match this version and were left out.`
        : "Comparing your answers with your partner's.";
      $("[data-msd-partner-clear]").hidden = false;
    } catch (error) {
      if (!(error instanceof ShareError)) throw error;
      partner = null;
      status.textContent = error.message;
    }
    update();
  });

  on($("[data-msd-partner-clear]"), "click", () => {
    partner = null;
    $("[data-msd-partner-input]").value = "";
    $("[data-msd-partner-status]").textContent = "";
    $("[data-msd-partner-clear]").hidden = true;
    update();
  });

  // -- remembering, only when asked ---------------------------------------------------------------

  const rememberBox = $("[data-msd-remember]");
  const rememberStatus = $("[data-msd-remember-status]");

  function storage(action) {
    try {
      return action(window.localStorage);
    } catch {
      rememberStatus.textContent = "This browser does not let the page keep anything.";
      return null;
    }
  }

  function remember(current) {
    if (rememberBox.checked) storage((store) => store.setItem(STORAGE_KEY, encodeShare(current)));
  }

  on(rememberBox, "change", () => {
    if (rememberBox.checked) {
      remember(readState());
      rememberStatus.textContent = "Your answers will be kept in this browser until you forget them.";
    } else {
      storage((store) => store.removeItem(STORAGE_KEY));
      rememberStatus.textContent = "Nothing is kept in this browser.";
    }
  });

  on($("[data-msd-forget]"), "click", () => {
    storage((store) => store.removeItem(STORAGE_KEY));
    rememberBox.checked = false;
    writeState({ mode: readState().mode, answers: {}, text: "" });
    rememberStatus.textContent = "Forgotten: nothing is kept in this browser, and the answers are cleared.";
    update();
  });

  // -- events ----------------------------------------------------------------------------------------

  on(form, "submit", (event) => event.preventDefault());
  on(form, "change", (event) => {
    if (event.target.name === "msd-mode") showMode(event.target.value);
    if (event.target !== textArea) update();
  });
  on(textArea, "input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(update, TYPING_DELAY_MS);
  });
  on($("[data-msd-clear]"), "click", () => {
    writeState({ mode: readState().mode, answers: {}, text: "" });
    update();
  });
  on(window, "hashchange", () => {
    if (restoreFromLink(location.hash)) update();
  });

  // -- start: a link wins over what this browser remembers ------------------------------------------

  const saved = storage((store) => store.getItem(STORAGE_KEY));
  if (!restoreFromLink(location.hash) && saved) {
    rememberBox.checked = true;
    try {
      writeState(decodeShare(saved, questions)?.state ?? readState());
    } catch {
      storage((store) => store.removeItem(STORAGE_KEY)); // damaged: nothing worth keeping
    }
  }
  showMode(readState().mode);
  update();

  return () => {
    clearTimeout(typingTimer);
    for (const cleanup of cleanups) cleanup();
  };
}
