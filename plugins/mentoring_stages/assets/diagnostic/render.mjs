// Puts views (result-view.mjs, status.mjs, compare.mjs) on the page. Every string reaches the page
// through textContent, never as markup, and through plain(), so no bidirectional control echoes.
import { plain } from "./phrasing.mjs";
import { parts } from "./words.mjs";

/** An element with text (or children: strings and elements), and attributes set as properties. */
function make(tag, text = "", properties = {}) {
  const element = document.createElement(tag);
  if (Array.isArray(text)) element.append(...text.map((piece) => (typeof piece === "string" ? plain(piece) : piece)));
  else element.textContent = plain(text);
  return Object.assign(element, properties);
}

/** A translated sentence with elements where its `{names}` stand. */
const sentence = (tag, words, values, properties = {}) => make(tag, parts(words, values), properties);

const percent = (p) => `${Math.round(p * 100)}%`;
const questionLink = (id, text, properties = {}) => make("a", text, { href: `#msd-q-${id}`, ...properties });

export function renderStatus(root, view) {
  const $ = (selector) => root.querySelector(selector);
  root.dataset.msdState = view.state;
  $("[data-msd-status]").textContent = view.text;
  const progress = $("[data-msd-progress]");
  progress.hidden = !view.progress;
  if (view.progress?.value === null) {
    progress.removeAttribute("value");
  } else if (view.progress) {
    progress.max = view.progress.max;
    progress.value = view.progress.value;
  }
  $("[data-msd-loading]").classList.toggle("is-ready", view.state === "ready");
  $("[data-msd-detail]").hidden = !view.detail;
  $("[data-msd-detail-text]").textContent = view.detail;
}

const RESULT_PARTS = "[data-msd-shown], [data-msd-position], [data-msd-ask], [data-msd-confirm], [data-msd-flags], [data-msd-evidence], [data-msd-comparison]";

/** What the result panel says when there is no result to show: a prompt, or why it waits. */
export function renderWaiting(root, text) {
  root.querySelector("[data-msd-waiting]").textContent = text;
  for (const part of root.querySelectorAll(RESULT_PARTS)) part.hidden = true;
  root.querySelector("[data-msd-print-meta]").textContent = "";
  root.querySelector("[data-msd-peek]").hidden = true;
  root.dataset.msdOutcome = "empty";
}

/** The result; `words` are the model's (the result's sentences, in the site's language). */
export function renderResult(root, view, words) {
  const $ = (selector) => root.querySelector(selector);
  $("[data-msd-waiting]").textContent = "";
  for (const part of root.querySelectorAll("[data-msd-shown]")) part.hidden = false;
  renderHeadline(root, view);
  // With every framework shown, each one's stage at a glance under the headline, the cards below.
  const glance = $("[data-msd-glance]");
  const glanced = view.decided && view.frameworks.length > 1;
  glance.hidden = !glanced;
  fill(glance, !glanced ? [] : view.frameworks.map((framework) => sentence("li", framework.apart ? words.glance_apart : words.glance, {
    framework: framework.name,
    stage: framework.stage ? stageLink(framework.stage) : make("span", framework.level, { className: "msd-none" }),
  })));
  $("[data-msd-peek-text]").textContent = view.headline.peek;
  $("[data-msd-peek]").hidden = false;

  const position = $("[data-msd-position]");
  position.hidden = !view.position;
  if (view.position) {
    position.querySelector("[data-msd-position-text]").textContent = view.position.text;
    // The engine's positions on the common timeline, whose [start, end] come with the page.
    const [start, end] = JSON.parse(root.dataset.msdTimeline);
    const along = (value) => ((value - start) / (end - start)) * 100;
    const band = position.querySelector("[data-msd-position-band]");
    band.style.left = `${along(view.position.low)}%`;
    band.style.width = `${Math.max(along(view.position.high) - along(view.position.low), 1)}%`;
    position.querySelector("[data-msd-position-mark]").style.left = `${along(view.position.mean)}%`;
  }

  fill($("[data-msd-ask-list]"), view.askNext.map((item, index) =>
    make("li", [questionLink(item.id, item.text, { className: index === 0 ? "is-first" : "" })])));
  $("[data-msd-ask]").hidden = view.askNext.length === 0;

  // Yes and no, each naming the reading it answers (diagnostic.mjs hears the clicks).
  fill($("[data-msd-confirm-list]"), view.confirm.map((item) => {
    const button = (text, answer) => {
      const element = make("button", text, { type: "button", className: "md-button" });
      Object.assign(element.dataset, { msdConfirmAnswer: answer, msdConfirmQuestion: item.question, msdConfirmOption: item.option });
      return element;
    };
    const answers = make("p", [button(words.confirm_yes, "yes"), " ", button(words.confirm_no, "no")], { className: "msd-row" });
    return make("li", [make("p", item.text), answers]);
  }));
  $("[data-msd-confirm]").hidden = view.confirm.length === 0;

  fill($("[data-msd-flag-list]"), view.flags.map((flag) => make("li", [
    make("strong", flag.title), " ", make("span", flag.advice),
    ...citation(flag.sources),
  ])));
  $("[data-msd-flags]").hidden = view.flags.length === 0;

  fill($("[data-msd-frameworks]"), view.frameworks.map((framework) => frameworkCard(framework, words)));

  fill($("[data-msd-evidence-list]"), view.evidence.map((item) => make("li", [
    make("span", item.reason, { className: "msd-reason" }), make("br"),
    sentence("span", item.source, { answer: questionLink(item.question, item.answer, { title: item.questionText }) }, {
      className: item.fromText ? "msd-source msd-from-text" : "msd-source",
    }),
  ])));
  if (view.wording) $("[data-msd-evidence-list]").append(make("li", [`${view.wording} `, ownMark(words.own_reading, words.own_reading_title)]));
  $("[data-msd-evidence]").hidden = view.evidence.length === 0 && !view.wording;
  root.dataset.msdOutcome = view.decided ? "shown" : "undecided";
}

/** The headline: the stage in words with its framework, how sure, what the stage is about. */
function renderHeadline(root, view) {
  const $ = (selector) => root.querySelector(selector);
  const { headline } = view;
  const title = $("[data-msd-headline-title]");
  if (headline.stage) {
    const name = make("strong", [stageLink(headline.stage)], { className: "msd-headline-stage" });
    title.replaceChildren(...sentence("span", headline.sentence, { stage: name, framework: headline.framework.name }).childNodes);
  } else {
    title.replaceChildren(make("strong", headline.sentence, { className: "msd-headline-stage" }));
  }
  $("[data-msd-headline-level]").textContent = headline.level;
  $("[data-msd-headline-level]").hidden = !headline.level;
  const detail = $("[data-msd-headline-detail]");
  if (headline.ask) {
    detail.replaceChildren(...parts(headline.askSentence, { question: questionLink(headline.ask.id, headline.ask.text) }));
  } else {
    detail.textContent = plain(headline.stage?.summary ?? "");
  }
  detail.hidden = !detail.textContent;
}

/** The stage's name, linked to its page when the site has one. */
const stageLink = (stage) => (stage.url ? make("a", stage.name, { href: stage.url }) : make("span", stage.name));

function frameworkCard(framework, words) {
  const likely = framework.stage
    ? sentence("p", framework.likely, { stage: stageLink(framework.stage) }, { className: "msd-likely" })
    : make("p", framework.likely, { className: "msd-likely" });
  const bars = make("dl", framework.bars.map((bar) => {
    const fill = make("span", "", { className: "msd-bar-fill" });
    fill.style.width = percent(bar.probability);
    const row = make("div", [
      make("dt", bar.name),
      make("dd", [make("span", [fill], { className: "msd-bar-track" }), make("span", percent(bar.probability), { className: "msd-bar-value" })]),
    ], { className: bar.likely ? "msd-bar is-likely" : "msd-bar" });
    row.dataset.msdBar = bar.id;
    return row;
  }), { className: "msd-bars" });
  bars.setAttribute("aria-label", framework.barsLabel);
  const parts = [make("h3", framework.name), likely];
  if (framework.apart) parts.push(make("p", framework.apart, { className: "msd-apart" }));
  parts.push(bars);
  if (framework.nextSteps.length) {
    parts.push(make("h4", words.next_steps));
    for (const group of framework.nextSteps) {
      parts.push(make("p", group.heading, { className: "msd-who" }),
        make("ul", group.items.map((item) => make("li", [item.text, ...provenance(item, words)]))));
    }
  }
  const card = make("article", parts, { className: "msd-framework" });
  card.dataset.msdFramework = framework.id;
  if (framework.stage) card.dataset.msdStage = framework.stage.id;
  if (framework.apart) card.dataset.msdApart = "";
  return card;
}

let sourceLinks = null; // source id -> the sources page's anchor, from the template

/** The site's own words, marked as such: "Our reading", "Our suggestion", explained on hover. */
function ownMark(text, title) {
  const mark = make("span", text, { className: "ms-own" });
  mark.title = title;
  return mark;
}

/** What the site's pages show beside an item: "Our suggestion" for its own, else the citation. */
function provenance(item, words) {
  if (!item.own) return citation(item.sources);
  return [" ", ownMark(words.own_suggestion, words.own_suggestion_title)];
}

/** " [1] [3]": each source's number, linked to its entry on the sources page. */
function citation(sources) {
  sourceLinks ??= new Map([...(document.querySelector("[data-msd-source-links]")?.content.querySelectorAll("a") ?? [])]
    .map((link) => [link.dataset.source, link.getAttribute("href")]));
  return sources.flatMap(({ id, number }) => {
    const href = sourceLinks.get(id);
    return [" ", href ? make("a", `[${number}]`, { href, className: "msd-cite" }) : `[${number}]`];
  });
}

function fill(list, items) {
  list.replaceChildren(...items);
}

/** The comparison: questions answered differently, both answers, and frameworks whose stage differs. */
export function renderComparison(root, comparison) {
  const section = root.querySelector("[data-msd-comparison]");
  section.hidden = !comparison;
  if (!comparison) return;
  section.querySelector("[data-msd-comparison-summary]").textContent = comparison.summary;
  fill(section.querySelector("[data-msd-comparison-rows]"), comparison.answers.map((row) => make("tr", [
    make("th", row.text, { scope: "row" }), make("td", row.mine), make("td", row.theirs),
  ])));
  section.querySelector("table").hidden = comparison.answers.length === 0;
  section.querySelector("[data-msd-comparison-stages]").textContent = comparison.stages;
}
