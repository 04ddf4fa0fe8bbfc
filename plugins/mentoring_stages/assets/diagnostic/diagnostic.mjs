// The diagnostic page: wires the form, the worker, the result, share links and what is remembered.
//
// Imported by loader.mjs only on a page with [data-msd]. The pieces live beside it: form.mjs (the
// answers), client.mjs (the worker protocol), phrasing.mjs (every word, from the model),
// result-view.mjs, status.mjs and compare.mjs (what to show, as data), render.mjs (putting it on the
// page), share.mjs (links) and storage.mjs (remembering, only when asked).
import { diagnosisClient } from "./client.mjs";
import { comparisonView } from "./compare.mjs";
import { emptyState, formOf, isEmpty, requestFor } from "./form.mjs";
import { plain } from "./phrasing.mjs";
import { precomputedResults } from "./precomputed.mjs";
import { renderComparison, renderResult, renderStatus, renderWaiting } from "./render.mjs";
import { resultView, summaryLine } from "./result-view.mjs";
import { startRuntime } from "./runtime.mjs";
import { decodeShare, encodeShare, ShareError } from "./share.mjs";
import { statusView } from "./status.mjs";
import { keeper } from "./storage.mjs";

const TYPING_DELAY_MS = 350;
const PROMPT = "Answer a question or describe your relationship: your likely stage appears here as you go.";

/** Bring one diagnostic element to life; return a function that lets go of it (page left). */
export function mount(root) {
  const $ = (selector) => root.querySelector(selector);
  const cleanups = [];
  const on = (target, type, handler, capture = false) => {
    target.addEventListener(type, handler, capture);
    cleanups.push(() => target.removeEventListener(type, handler, capture));
  };
  const form = formOf(root);
  const message = $("[data-msd-message]");
  const picker = $("[data-msd-picker]");
  const rememberBox = $("[data-msd-remember]");
  const rememberStatus = $("[data-msd-remember-status]");
  const store = keeper(() => window.localStorage, () => {
    rememberStatus.textContent = "This browser does not let the page keep anything.";
  });
  const stageLinks = new Map([...($("[data-msd-stage-links]")?.content.querySelectorAll("a") ?? [])]
    .map((link) => [`${link.dataset.framework}/${link.dataset.stage}`, link.getAttribute("href")]));

  $("[data-msd-stuck]").remove();
  for (const element of root.querySelectorAll("[data-msd-reveal]")) element.hidden = false;

  let model = null;
  const modelReady = fetch(root.dataset.msdModel)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((loaded) => { model = loaded; });
  modelReady.catch(() => {}); // the worker loads the same file and reports its failure

  let partner = null; // the partner's state while comparing
  let fromLink = false; // the answers on the page came from a link, not from this visitor
  let results = null; // the latest [mine, partner's] results, to show again when the picker changes
  let generation = 0; // the latest update; an older one's results are not shown
  let typingTimer = 0;

  // -- asking the engine -------------------------------------------------------------------------

  const runtime = startRuntime(root);
  const client = runtime.worker ? diagnosisClient(runtime.worker) : null;
  const precomputedUrl = root.dataset.msdPrecomputed;
  const precomputed = precomputedResults(precomputedUrl && new URL(precomputedUrl, location.href).href);
  cleanups.push(() => client?.stop());

  async function update() {
    const current = form.read();
    if (!fromLink && rememberBox.checked) store.keep(encodeShare(current), picker.value);
    const request = requestFor(current);
    const asked = ++generation;
    if (isEmpty(request)) { // nothing to show; otherwise the last result stays until the next
      results = null;
      form.showReadings([]);
      form.showAskNext([]);
    }
    showWaiting();
    if (isEmpty(request)) return;
    const batch = partner ? [request, requestFor(partner)] : [request];
    // The first answers' results were worked out by the same engine when the site was built;
    // any other waits for the engine, and until it starts the page says so, not an older result.
    let answers = await precomputed.lookup(batch, { wait: runtime.stage !== "ready" });
    if (!answers && client) {
      if (runtime.stage !== "ready" && asked === generation) { results = null; showWaiting(); }
      answers = await client.ask(batch);
    }
    await modelReady.catch(() => {});
    if (!answers || asked !== generation || !model) return;
    const problem = answers.find((result) => result.error);
    if (problem) {
      showProblem(`The diagnostic could not work this out: ${problem.error.message}`);
      return;
    }
    results = answers;
    showResults();
  }

  function showWaiting() {
    const hasAnswers = !isEmpty(requestFor(form.read()));
    const status = statusView(runtime, hasAnswers);
    renderStatus(root, status);
    if (!results) renderWaiting(root, hasAnswers ? status.waiting || "Working it out…" : PROMPT);
  }

  function showResults() {
    message.hidden = true;
    const [mine, theirs] = results;
    const stageUrl = (framework, stage) => stageLinks.get(`${framework}/${stage}`) ?? "";
    const view = resultView(mine, model, { shown: picker.value, stageUrl });
    renderResult(root, view, summaryLine(view));
    form.showReadings(mine.evidence ?? []);
    form.showAskNext(mine.ask_next ?? []);
    renderComparison(root, theirs ? comparisonView(model, mine, theirs) : null);
    $("[data-msd-print-meta]").textContent = `Printed on ${new Date().toLocaleDateString(undefined, { dateStyle: "long" })}. `
      + `These answers: ${linkTo(form.read())}`;
  }

  on(runtime.events, "change", () => {
    if (runtime.stage === "ready" && !runtime.failure) client?.start();
    showWaiting();
  });

  function showProblem(text) {
    message.textContent = text;
    message.hidden = false;
  }

  // -- share links and the partner's view --------------------------------------------------------

  const linkTo = (state) => {
    const link = new URL(location.href);
    link.hash = encodeShare(state);
    return link.href;
  };

  /** Take the share link out of the address bar, so that a reload brings nothing back. */
  function clearAddressBar() {
    if (/^#v\d/.test(location.hash)) history.replaceState(history.state, "", location.pathname + location.search);
  }

  function decode(fragment) {
    try {
      return decodeShare(fragment, form.questions, form.maxText);
    } catch (error) {
      if (!(error instanceof ShareError)) throw error;
      showProblem(error.message);
      return undefined;
    }
  }

  /** A link in the address bar opens as someone's answers, saying so; remembered ones stay safe. */
  function openLink(fragment) {
    const decoded = decode(fragment);
    if (!decoded) return false; // not ours, or damaged (said so)
    fromLink = true;
    partner = null;
    form.write({ ...decoded.state, text: plain(decoded.state.text) }); // a link's text is echoed
    showBanner("link");
    if (decoded.dropped) {
      showProblem(`${decoded.dropped} of the link's answers do not match this version of the questions and were left out.`);
    } else {
      message.hidden = true;
    }
    return true;
  }

  function showBanner(kind) {
    const banner = $("[data-msd-banner]");
    banner.hidden = kind === null;
    banner.dataset.msdBanner = kind ?? "";
    $("[data-msd-banner-saved]").hidden = !store.answers();
    if (kind === "comparing") banner.append($("[data-msd-comparison]"));
  }

  /** The visitor's own answers: those remembered, or none. */
  const ownState = () => decodeSaved() ?? emptyState(form.read().mode);

  function decodeSaved() {
    const saved = store.answers();
    if (!saved) return null;
    try {
      return decodeShare(saved, form.questions, form.maxText)?.state ?? null;
    } catch {
      store.forget(); // damaged: nothing worth keeping
      return null;
    }
  }

  on($("[data-msd-compare-mine]"), "click", () => {
    partner = form.read();
    fromLink = false;
    clearAddressBar();
    form.write(ownState());
    showBanner("comparing");
    update();
  });
  on($("[data-msd-start-own]"), "click", () => {
    partner = null;
    fromLink = false;
    clearAddressBar();
    form.write(ownState());
    showBanner(null);
    update();
  });
  on($("[data-msd-adopt]"), "click", () => {
    fromLink = false;
    clearAddressBar();
    showBanner(null);
    update(); // kept now if remembering is on: the visitor chose these answers
  });
  on($("[data-msd-stop-comparing]"), "click", () => {
    partner = null;
    showBanner(null);
    update();
  });

  on($("[data-msd-copy]"), "click", async () => {
    const link = linkTo(form.read());
    const field = $("[data-msd-link]");
    field.value = link;
    field.hidden = false;
    const status = $("[data-msd-copy-status]");
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = "Link copied. Anyone you give it to sees these answers.";
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
      const decoded = decodeShare(hashAt >= 0 ? raw.slice(hashAt) : `#${raw}`, form.questions, form.maxText);
      if (!decoded) throw new ShareError("That is not a link to diagnostic answers: it should contain #v1=");
      if (isEmpty(requestFor(decoded.state))) throw new ShareError("Your partner's link holds no answers yet.");
      partner = decoded.state;
      status.textContent = decoded.dropped
        ? `Comparing. ${decoded.dropped} of your partner's answers do not match this version and were left out.`
        : "Comparing your answers with your partner's:";
      $("[data-msd-partner-clear]").hidden = false;
      $("[data-msd-partner-host]").append($("[data-msd-comparison]"));
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

  on(rememberBox, "change", () => {
    if (rememberBox.checked) {
      fromLink = false; // asking to remember the answers on the page makes them the visitor's own
      clearAddressBar();
      if ($("[data-msd-banner]").dataset.msdBanner === "link") showBanner(null);
      rememberStatus.textContent = "Your answers and your choice of framework are kept in this browser until you forget them.";
    } else {
      store.forget();
      rememberStatus.textContent = "Nothing is kept in this browser.";
    }
    update();
  });

  /** Forget and Clear leave nothing behind: not in storage, not on the page, not in the address bar. */
  function clearAnswers() {
    partner = null;
    fromLink = false;
    clearAddressBar();
    showBanner(null);
    form.write(emptyState(form.read().mode));
    const link = $("[data-msd-link]");
    link.value = "";
    link.hidden = true;
    $("[data-msd-copy-status]").textContent = "";
    $("[data-msd-partner-input]").value = "";
    $("[data-msd-partner-status]").textContent = "";
    $("[data-msd-partner-clear]").hidden = true;
    message.hidden = true;
  }

  on($("[data-msd-forget]"), "click", () => {
    store.forget();
    rememberBox.checked = false;
    clearAnswers();
    rememberStatus.textContent = "Forgotten: nothing is kept in this browser, and the answers are cleared.";
    update();
  });
  on($("[data-msd-clear]"), "click", () => {
    clearAnswers();
    update();
  });

  // -- events ----------------------------------------------------------------------------------------

  on(form.form, "submit", (event) => event.preventDefault());
  on(form.form, "change", (event) => {
    if (event.target !== form.textArea && form.take(event)) update();
  });
  on(form.textArea, "input", (event) => {
    form.take(event);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(update, TYPING_DELAY_MS);
  });
  on(picker, "change", () => {
    if (rememberBox.checked && !fromLink) store.keep(encodeShare(form.read()), picker.value);
    if (results && model) showResults();
  });
  // Links within the diagnostic (the summary, the questions to ask next, the evidence) move the
  // focus there themselves: a '#' in the address bar would make Material's instant navigation show
  // the page afresh, answers lost, and would look like a share link to keep out of it. Heard on
  // the window before anything else, since Material's navigation listens early too.
  on(window, "click", (event) => {
    const link = event.target.closest?.("a[href*='#']"); // Material makes them absolute
    if (!link || !root.contains(link) || link.pathname !== location.pathname || !link.hash) return;
    const target = root.querySelector(`#${CSS.escape(decodeURIComponent(link.hash.slice(1)))}`);
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.scrollIntoView({ block: "start" });
    const focusable = target.matches("fieldset")
      ? target.querySelector("input:checked") ?? target.querySelector("input")
      : target.querySelector("h2") ?? target;
    if (focusable.tabIndex < 0 && !focusable.matches("input")) focusable.tabIndex = -1;
    focusable.focus({ preventScroll: true });
  }, true);
  on(window, "hashchange", () => {
    if (openLink(location.hash)) update();
  });

  // -- start: a link shows someone's answers; otherwise what this browser remembers ---------------

  const choose = (value) => {
    if (value && [...picker.options].some((option) => option.value === value)) picker.value = value;
  };
  choose(root.dataset.msdDefaultFramework); // the site's choice, for programmes that use one framework
  const saved = decodeSaved();
  rememberBox.checked = saved !== null;
  if (saved) choose(store.framework());
  const early = form.shown(); // answers given while this module was on its way
  if (!openLink(location.hash)) form.write(isEmpty(requestFor(early)) ? saved ?? early : early);
  if (runtime.stage === "ready" && !runtime.failure) client?.start();
  update();

  return () => {
    clearTimeout(typingTimer);
    for (const cleanup of cleanups) cleanup();
  };
}
