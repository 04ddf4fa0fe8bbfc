// The diagnostic page: wires the form, the worker, the result, share links and what is remembered.
//
// Imported by loader.mjs only on a page with [data-msd]. The pieces live beside it: form.mjs (the
// answers), client.mjs (the worker protocol), phrasing.mjs (every word of a result, from the model),
// result-view.mjs, status.mjs and compare.mjs (what to show, as data), render.mjs (putting it on the
// page), share.mjs (links), storage.mjs (remembering) and words.mjs (the site's language). The page's
// own words come with the page (data-msd-words); the result's come with the model, which the worker
// fetched and handed over (runtime.model).
import { diagnosisClient } from "./client.mjs";
import { comparisonView } from "./compare.mjs";
import { emptyState, formOf, isEmpty, requestFor } from "./form.mjs";
import { localDay } from "./history.mjs";
import { plain } from "./phrasing.mjs";
import { precomputedResults } from "./precomputed.mjs";
import { renderComparison, renderResult, renderStatus, renderWaiting } from "./render.mjs";
import { resultView } from "./result-view.mjs";
import { startRuntime } from "./runtime.mjs";
import { decodeShare, encodeShare, ShareError } from "./share.mjs";
import { statusView } from "./status.mjs";
import { keeper, tabMemory } from "./storage.mjs";
import { fill } from "./words.mjs";

const TYPING_DELAY_MS = 350;
// The headline is announced once it has settled: stepping through a question's options with the
// arrow keys changes it at every step.
const ANNOUNCE_DELAY_MS = 1000;

/** Bring one diagnostic element to life; return a function that lets go of it (page left). */
export function mount(root) {
  const $ = (selector) => root.querySelector(selector);
  const cleanups = [];
  const on = (target, type, handler, capture = false) => {
    target.addEventListener(type, handler, capture);
    cleanups.push(() => target.removeEventListener(type, handler, capture));
  };
  const words = JSON.parse(root.dataset.msdWords);
  const locale = document.documentElement.lang || undefined;
  const form = formOf(root);
  const message = $("[data-msd-message]");
  const picker = $("[data-msd-picker]");
  const rememberBox = $("[data-msd-remember]");
  const rememberStatus = $("[data-msd-remember-status]");
  const store = keeper(() => window.localStorage, () => {
    rememberStatus.textContent = words.storage_refused;
  });
  const tab = tabMemory(() => window.sessionStorage);
  const stages = new Map([...($("[data-msd-stages]")?.content.querySelectorAll("a") ?? [])]
    .map((link) => [`${link.dataset.framework}/${link.dataset.stage}`, { url: link.getAttribute("href"), summary: link.dataset.summary }]));
  const stageInfo = (framework, stage) => stages.get(`${framework}/${stage}`) ?? { url: "", summary: "" };

  $("[data-msd-stuck]").remove();
  for (const element of root.querySelectorAll("[data-msd-reveal]")) element.hidden = false;

  let partner = null; // the partner's state while comparing
  let fromLink = false; // the answers on the page came from a link, not from this visitor
  let results = null; // the latest [mine, partner's] results, to show again when the picker changes
  let generation = 0; // the latest update; an older one's results are not shown
  let typingTimer = 0;
  const declined = new Set(); // "question/option" readings the visitor said are wrong

  // -- asking the engine -------------------------------------------------------------------------

  const runtime = startRuntime(root);
  const client = runtime.worker ? diagnosisClient(runtime.worker) : null;
  const precomputedUrl = root.dataset.msdPrecomputed;
  const precomputed = precomputedResults(precomputedUrl && new URL(precomputedUrl, location.href).href);
  cleanups.push(() => client?.stop());

  /** Resolves once the worker has handed over the model (or the start has failed). */
  const modelArrived = () => new Promise((resolve) => {
    const arrived = () => {
      if (!runtime.model && !runtime.failure) return;
      runtime.events.removeEventListener("change", arrived);
      resolve();
    };
    runtime.events.addEventListener("change", arrived);
    arrived();
  });

  /** The framework the headline comes from: the visitor's pick, else the site's. */
  const headlineFramework = () => (picker.value !== "all" ? picker.value : root.dataset.msdDefaultFramework || null);

  async function update() {
    const current = form.read();
    if (!fromLink && rememberBox.checked) store.keep(encodeShare(current), picker.value);
    remember();
    const request = requestFor(current, headlineFramework());
    const asked = ++generation;
    if (isEmpty(request)) { // nothing to show; otherwise the last result stays until the next
      results = null;
      form.showReadings([]);
      form.showAskNext([]);
    }
    showWaiting();
    if (isEmpty(request)) return;
    const batch = partner ? [request, requestFor(partner, headlineFramework())] : [request];
    // The first answers' results were worked out by the same engine when the site was built;
    // any other waits for the engine, and until it starts the page says so, not an older result.
    let answers = await precomputed.lookup(batch, { wait: runtime.stage !== "ready" });
    if (!answers && client) {
      if (runtime.stage !== "ready" && asked === generation) { results = null; showWaiting(); }
      answers = await client.ask(batch);
    }
    await modelArrived(); // a precomputed result may come before the worker has handed it over
    if (!answers || asked !== generation || !runtime.model) return;
    const problem = answers.find((result) => result.error);
    if (problem) {
      showProblem(fill(words.problem, { message: problem.error.message }));
      return;
    }
    results = answers;
    showResults();
    if (!fromLink && rememberBox.checked) store.record(localDay(), encodeShare(current)); // history
  }

  function showWaiting() {
    const hasAnswers = !isEmpty(requestFor(form.read()));
    const status = statusView(runtime, hasAnswers, words);
    renderStatus(root, status);
    if (["ready", "failed"].includes(status.state) && status.state !== statusAnnounced) {
      statusAnnounced = status.state; // once: whether it started is news once
      announce(status.text);
    }
    if (!results) renderWaiting(root, hasAnswers ? status.waiting || words.working : words.prompt);
  }

  function showResults() {
    message.hidden = true;
    const [mine, theirs] = results;
    const model = runtime.model;
    const view = resultView(mine, model, { shown: picker.value, stage: stageInfo });
    view.confirm = view.confirm.filter((item) => !declined.has(`${item.question}/${item.option}`));
    renderResult(root, view, model.words);
    announce(view.headline.announcement);
    form.showReadings(mine.evidence ?? []);
    form.showAskNext(mine.ask_next ?? []);
    renderComparison(root, theirs ? comparisonView(model, mine, theirs, locale) : null);
    $("[data-msd-print-meta]").textContent = fill(words.printed, {
      date: new Date().toLocaleDateString(locale, { dateStyle: "long" }),
      link: linkTo(form.read()),
    });
  }

  on(runtime.events, "change", () => {
    if (runtime.stage === "ready" && !runtime.failure) client?.start();
    showWaiting();
  });

  function showProblem(text) {
    message.textContent = text;
    message.hidden = false;
  }

  // -- what a screen reader hears: one short sentence, once it has settled ------------------------

  const announcer = $("[data-msd-announce]");
  let announceTimer = 0;
  let announced = "";
  let statusAnnounced = ""; // the diagnostic's state last announced: "ready" or "failed"
  function announce(text) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      if (text === announced) return;
      announced = text;
      announcer.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  }
  cleanups.push(() => clearTimeout(announceTimer));

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

  /** What a link that cannot be used says to the visitor. */
  const shareProblem = (error) => fill(words[error.reason], error.values);

  function decode(fragment) {
    try {
      return decodeShare(fragment, form.questions, form.maxText);
    } catch (error) {
      if (!(error instanceof ShareError)) throw error;
      showProblem(shareProblem(error));
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
      showProblem(fill(words.link_dropped, { count: decoded.dropped }));
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
  const ownState = () => decodeSaved(store.answers(), () => store.forget()) ?? emptyState(form.read().mode);

  /** Answers kept as a share fragment, or null; `onDamaged` for ones no longer readable. */
  function decodeSaved(saved, onDamaged) {
    if (!saved) return null;
    try {
      return decodeShare(saved, form.questions, form.maxText)?.state ?? null;
    } catch {
      onDamaged(); // damaged: nothing worth keeping
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
      status.textContent = words.link_copied;
    } catch {
      field.select();
      status.textContent = words.copy_refused;
    }
  });

  /** Compare with a partner's link pasted in the share section (`raw`), saying how it went. */
  function comparePasted(raw) {
    const status = $("[data-msd-partner-status]");
    const hashAt = raw.indexOf("#");
    try {
      const decoded = decodeShare(hashAt >= 0 ? raw.slice(hashAt) : `#${raw}`, form.questions, form.maxText);
      if (!decoded) throw new ShareError("not_a_link");
      if (isEmpty(requestFor(decoded.state))) throw new ShareError("partner_empty");
      partner = decoded.state;
      status.textContent = decoded.dropped ? fill(words.partner_dropped, { count: decoded.dropped }) : words.partner_comparing;
      $("[data-msd-partner-clear]").hidden = false;
      $("[data-msd-partner-host]").append($("[data-msd-comparison]"));
    } catch (error) {
      if (!(error instanceof ShareError)) throw error;
      partner = null;
      status.textContent = shareProblem(error);
    }
  }

  on($("[data-msd-partner-load]"), "click", () => {
    comparePasted($("[data-msd-partner-input]").value.trim());
    update();
  });

  on($("[data-msd-partner-clear]"), "click", () => {
    partner = null;
    $("[data-msd-partner-input]").value = "";
    $("[data-msd-partner-status]").textContent = "";
    $("[data-msd-partner-clear]").hidden = true;
    update();
  });

  // -- confirming what was read before any alarm -------------------------------------------------

  // Yes: the reading becomes the visitor's own answer, so what it raises is raised. No: the
  // question, to pick the right answer; the reading is not asked about again.
  on(root, "click", (event) => {
    const button = event.target.closest?.("[data-msd-confirm-answer]");
    if (!button) return;
    const { msdConfirmAnswer: answer, msdConfirmQuestion: question, msdConfirmOption: option } = button.dataset;
    if (answer === "yes") {
      form.give(question, option);
      update();
      return;
    }
    declined.add(`${question}/${option}`);
    if (results) showResults();
    const fieldset = root.querySelector(`#msd-q-${CSS.escape(question)}`);
    fieldset.scrollIntoView({ block: "start" });
    (fieldset.querySelector("input:checked") ?? fieldset.querySelector("input")).focus({ preventScroll: true });
  });

  // -- remembering: across visits only when asked, within the tab always -------------------------

  /** The page as the visitor leaves it, for this tab (see storage.mjs). */
  function remember() {
    tab.save({
      answers: encodeShare(form.read()),
      framework: picker.value,
      link: fromLink,
      partner: partner && encodeShare(partner),
      banner: $("[data-msd-banner]").dataset.msdBanner || null,
    });
  }

  /** Bring back what this tab kept, if anything: true when it did. */
  function recall() {
    const kept = tab.load();
    const state = decodeSaved(kept?.answers, () => tab.forget());
    if (!state) return false;
    choose(kept.framework);
    form.write(state);
    fromLink = kept.link === true;
    partner = kept.banner === "comparing" ? decodeSaved(kept.partner, () => {}) : null;
    if (fromLink) showBanner("link");
    else if (partner) showBanner("comparing");
    return true;
  }

  on(rememberBox, "change", () => {
    if (rememberBox.checked) {
      fromLink = false; // asking to remember the answers on the page makes them the visitor's own
      clearAddressBar();
      if ($("[data-msd-banner]").dataset.msdBanner === "link") showBanner(null);
      rememberStatus.textContent = words.remember_on;
    } else {
      store.forget();
      rememberStatus.textContent = words.remember_off;
    }
    update();
  });

  /** Forget and Clear leave nothing behind: not in storage, not on the page, not in the address bar. */
  function clearAnswers() {
    partner = null;
    fromLink = false;
    declined.clear();
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
    rememberStatus.textContent = words.forgotten;
    update();
    tab.forget(); // after update(), which keeps the tab's memory of the page
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
  on(picker, "change", () => update()); // the headline comes from the framework picked
  // Links within the diagnostic (the summary, the questions to ask next, the evidence) move the
  // focus there themselves: a '#' in the address bar would make Material's instant navigation show
  // the page afresh, and would look like a share link to keep out of it. Heard on the window before
  // anything else, since Material's navigation listens early too.
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

  // -- start: a link shows someone's answers; then what this tab kept; then what this browser
  // remembers; answers given while this module was on its way win over both ---------------------

  function choose(value) {
    if (value && [...picker.options].some((option) => option.value === value)) picker.value = value;
  }
  choose(root.dataset.msdDefaultFramework); // the site's choice, for programmes that use one framework
  const saved = decodeSaved(store.answers(), () => store.forget());
  rememberBox.checked = saved !== null;
  if (saved) choose(store.framework());
  const early = form.shown(); // answers given while this module was on its way
  if (!openLink(location.hash) && !(isEmpty(requestFor(early)) && recall())) {
    form.write(isEmpty(requestFor(early)) ? saved ?? early : early);
  }
  if (runtime.stage === "ready" && !runtime.failure) client?.start();
  update();

  return () => {
    clearTimeout(typingTimer);
    for (const cleanup of cleanups) cleanup();
  };
}
