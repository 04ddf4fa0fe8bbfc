// Puts views (result-view.mjs, status.mjs, compare.mjs) on the page. Every string reaches the page
// through textContent, never as markup, and through plain(), so no bidirectional control echoes.
import { plain } from "./phrasing.mjs";

/** An element with text (or children), and attributes set as properties. */
function make(tag, text = "", properties = {}) {
  const element = document.createElement(tag);
  if (Array.isArray(text)) element.append(...text);
  else element.textContent = plain(text);
  return Object.assign(element, properties);
}

const percent = (p) => `${Math.round(p * 100)}%`;

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

/** What the result panel says when there is no result to show: a prompt, or why it waits. */
export function renderWaiting(root, text) {
  root.querySelector("[data-msd-waiting]").textContent = text;
  const parts = "[data-msd-shown], [data-msd-position], [data-msd-ask], [data-msd-flags], [data-msd-evidence], [data-msd-comparison]";
  for (const part of root.querySelectorAll(parts)) part.hidden = true;
  root.querySelector("[data-msd-print-meta]").textContent = "";
  root.querySelector("[data-msd-peek]").hidden = true;
  root.dataset.msdOutcome = "empty";
}

export function renderResult(root, view, summary) {
  const $ = (selector) => root.querySelector(selector);
  $("[data-msd-waiting]").textContent = "";
  for (const part of root.querySelectorAll("[data-msd-shown]")) part.hidden = false;
  $("[data-msd-headline-title]").textContent = view.headline.title;
  $("[data-msd-headline-detail]").textContent = view.headline.detail;
  $("[data-msd-peek-text]").textContent = summary;
  // With every framework shown, each one's stage at a glance under the headline, the cards below.
  const glance = $("[data-msd-glance]");
  glance.hidden = view.frameworks.length < 2;
  fill(glance, view.frameworks.length < 2 ? [] : view.frameworks.map((framework) => make("li", [
    `${framework.name}: `, framework.stage ? stageLink(framework) : make("span", framework.level, { className: "msd-none" }),
  ])));
  $("[data-msd-peek]").hidden = false;

  const position = $("[data-msd-position]");
  position.hidden = !view.position;
  if (view.position) {
    const band = position.querySelector("[data-msd-position-band]");
    band.style.left = `${view.position.low}%`;
    band.style.width = `${Math.max(view.position.high - view.position.low, 1)}%`;
    position.querySelector("[data-msd-position-mark]").style.left = `${view.position.mean}%`;
  }

  fill($("[data-msd-ask-list]"), view.askNext.map((item, index) =>
    make("li", [make("a", item.text, { href: `#msd-q-${item.id}`, className: index === 0 ? "is-first" : "" })])));
  $("[data-msd-ask]").hidden = view.askNext.length === 0;

  fill($("[data-msd-flag-list]"), view.flags.map((flag) => make("li", [
    make("strong", flag.title), " ", make("span", flag.advice),
    ...citation(flag.sources),
  ])));
  $("[data-msd-flags]").hidden = view.flags.length === 0;

  fill($("[data-msd-frameworks]"), view.frameworks.map(frameworkCard));

  fill($("[data-msd-evidence-list]"), view.evidence.map((item) => make("li", [
    make("a", item.questionText, { href: `#msd-q-${item.question}` }), ": ", make("strong", item.answer),
    make("span", ` (${item.source})`, { className: item.fromText ? "msd-from-text" : "" }),
    ...(item.reason ? [make("br"), make("span", item.reason, { className: "msd-reason" })] : []),
  ])));
  if (view.wording) $("[data-msd-evidence-list]").append(make("li", [`${view.wording}. `, wordingMark()]));
  $("[data-msd-evidence]").hidden = view.evidence.length === 0 && !view.wording;
  root.dataset.msdOutcome = view.decided ? "shown" : "undecided";
}

/** The stage's name, linked to its page when the site has one. */
const stageLink = ({ stage }) => (stage.url ? make("a", stage.name, { href: stage.url }) : make("strong", stage.name));

function frameworkCard(framework) {
  const likely = framework.stage
    ? make("p", [
      "Likely stage: ",
      stageLink(framework),
      ` — ${framework.level}${framework.between ? `, ${framework.between}` : ""}.`,
    ], { className: "msd-likely" })
    : make("p", "Not enough to tell yet.", { className: "msd-likely" });
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
  bars.setAttribute("aria-label", `How likely each stage of ${framework.name} is`);
  const parts = [make("h3", framework.name), likely, bars];
  if (framework.nextSteps.length) {
    parts.push(make("h4", "Next steps in this stage"));
    for (const group of framework.nextSteps) {
      parts.push(make("p", group.heading, { className: "msd-who" }),
        make("ul", group.items.map((item) => make("li", [item.text, ...provenance(item)]))));
    }
  }
  const card = make("article", parts, { className: "msd-framework" });
  card.dataset.msdFramework = framework.id;
  if (framework.stage) card.dataset.msdStage = framework.stage.id;
  return card;
}

let sourceLinks = null; // source id -> the sources page's anchor, from the template

/** The wording is the site's own reading, learned from example descriptions: no source says it. */
function wordingMark() {
  const mark = make("span", "Our reading", { className: "ms-own" });
  mark.title = "This site's own reading of how descriptions are worded, learned from example descriptions: none of the sources says it";
  return mark;
}

/** What the site's pages show beside an item: "Our suggestion" for its own, else the citation. */
function provenance(item) {
  if (!item.own) return citation(item.sources);
  const mark = make("span", "Our suggestion", { className: "ms-own" });
  mark.title = "This site's own suggestion: none of the sources says it";
  return [" ", mark];
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
  const { answers, stages, total, onlyMine, onlyTheirs } = comparison;
  const questions = (count) => `${count} ${count === 1 ? "question" : "questions"}`;
  const unmatched = [
    onlyTheirs ? `Your partner answered ${questions(onlyTheirs)} you have not.` : "",
    onlyMine ? `You answered ${questions(onlyMine)} your partner did not.` : "",
  ].join(" ").trim();
  section.querySelector("[data-msd-comparison-summary]").textContent = `${answers.length === 0
    ? "Where you both answered, you gave the same answers."
    : `You answered ${questions(answers.length)} differently: worth talking through together.`} ${unmatched}`;
  fill(section.querySelector("[data-msd-comparison-rows]"), answers.map((row) => make("tr", [
    make("th", row.text, { scope: "row" }), make("td", row.mine), make("td", row.theirs),
  ])));
  section.querySelector("table").hidden = answers.length === 0;
  section.querySelector("[data-msd-comparison-stages]").textContent = stages.length === 0
    ? `Your answers point to the same stage in all ${total} frameworks.`
    : `Your answers point to different stages in ${stages.map((item) => item.text).join("; ")}. ${comparison.advice}`;
}
