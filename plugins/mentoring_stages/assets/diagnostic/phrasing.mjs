// Every word a visitor reads about a result, phrased from the engine's data (result format 2) and the
// model the worker loads. This is the one module that knows the model's shape: the rest of the page
// asks it through the functions below, so a change of that shape is a change here only.
//
// Pure: no DOM, so Node's test runner checks it (tests/js/).

/** Bidirectional controls (U+202A-E, U+2066-9, marks) can make echoed text read backwards. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text from a visitor or a link, safe to echo: without bidirectional controls. */
export const plain = (text) => String(text ?? "").replace(BIDI_CONTROLS, "");

// -- reading the model ---------------------------------------------------------------------------

export const frameworkIds = (model) => model.frameworks.map((framework) => framework.id);

const framework = (model, id) => model.frameworks.find((candidate) => candidate.id === id);
const stage = (model, frameworkId, stageId) =>
  framework(model, frameworkId)?.stages.find((candidate) => candidate.id === stageId);
const question = (model, id) => model.questions.find((candidate) => candidate.id === id);

export const frameworkName = (model, id) => framework(model, id)?.name ?? id;

/** The framework's stages in order: [{id, name}]. */
export const stagesOf = (model, frameworkId) =>
  (framework(model, frameworkId)?.stages ?? []).map(({ id, name }) => ({ id, name }));

export const stageName = (model, frameworkId, stageId) => stage(model, frameworkId, stageId)?.name ?? stageId;

export const questionIds = (model) => model.questions.map((candidate) => candidate.id);
export const questionText = (model, id) => question(model, id)?.text ?? id;
const option = (model, questionId, optionId) =>
  question(model, questionId)?.options.find((candidate) => candidate.id === optionId);
export const optionLabel = (model, questionId, optionId) => option(model, questionId, optionId)?.label ?? optionId;
/** What an answer says about the relationship, in the model's words ("" when it says nothing). */
export const optionReason = (model, questionId, optionId) => option(model, questionId, optionId)?.reason ?? "";

/** The model's words for a confidence level ("none", "low", "medium", "high"). */
export const levelWord = (model, level) => model.levels?.[level] ?? model.levels?.none ?? level;

/** The words shown when two people's results differ. */
export const comparisonAdvice = (model) => model.comparison_advice ?? "";

/** Sources by id, with their number in the site's bibliography: [{id, number}]. */
export const sourceRefs = (model, ids) => (ids ?? [])
  .map((id) => model.sources?.find((source) => source.id === id))
  .filter(Boolean)
  .map(({ id, number }) => ({ id, number }));

/** A next step of a stage by id: {who, text, sources, own}, or null for an unknown id. */
export function nextStep(model, frameworkId, stageId, stepId) {
  const step = stage(model, frameworkId, stageId)?.next_steps?.find((item) => item.id === stepId);
  return step
    ? { who: step.for, text: step.text, sources: sourceRefs(model, step.sources), own: step.own === true }
    : null;
}

/**
 * A flag of a result: {title, advice, sources}, or null for an unknown id. A move back (the
 * engine names the framework and the two stages) takes its words from that framework's entry.
 */
export function flag(model, item) {
  const found = model.flags.find((candidate) => candidate.id === item.id);
  const move = item.framework && framework(model, item.framework)?.moves_back
    ?.find((entry) => entry.from === item.from && entry.to === item.to);
  if (move) {
    return {
      title: `${found?.title ?? "Moving back"} (${frameworkName(model, item.framework)})`,
      advice: move.text,
      sources: sourceRefs(model, move.sources),
    };
  }
  return found ? { title: found.title, advice: found.advice, sources: sourceRefs(model, found.sources) } : null;
}

// -- phrases -------------------------------------------------------------------------------------

const WHO = { mentor: "The mentor can", mentee: "The mentee can", ask: "Questions to ask" };
export const whoHeading = (who) => WHO[who] ?? "Next steps";

/** "between Initiation and Cultivation", in the framework's order, or "" when not between two. */
export function betweenPhrase(model, frameworkId, stageId, betweenId) {
  if (!stageId || !betweenId) return "";
  const order = stagesOf(model, frameworkId).map((item) => item.id);
  const [first, second] = order.indexOf(betweenId) < order.indexOf(stageId) ? [betweenId, stageId] : [stageId, betweenId];
  return `between ${stageName(model, frameworkId, first)} and ${stageName(model, frameworkId, second)}`;
}

/** Where the common timeline puts the relationship: {at: "About 27 of 100 …", range: "15 to 40"}. */
export function positionPhrase(position) {
  if (!position) return null;
  const round = (value) => Math.round(Number(value));
  return {
    at: `About ${round(position.mean)} of 100 on the common timeline`,
    range: `${round(position.low)} to ${round(position.high)}`,
  };
}

/** How one piece of evidence was read, e.g. 'read from your description: “two months ago”'. */
export function evidenceSource(item) {
  if (item.from !== "text") return "your answer";
  const quote = plain(item.quote);
  const read = quote ? `read from your description: “${quote}”` : "read from your description";
  return item.hedged ? `${read}, said with some doubt` : read;
}

/**
 * The words of a description that weighed most in its wording (the result's `wording`), e.g.
 * 'The wording of your description counted too, most of all “outgrown” and “wrapping up”'; "" for none.
 */
export function wordingLine(wording) {
  const quotes = (wording?.quotes ?? []).map((item) => plain(item.quote)).filter(Boolean);
  if (quotes.length === 0) return "";
  const listed = quotes.map((quote) => `“${quote}”`);
  const words = listed.length > 1 ? `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}` : listed[0];
  return `The wording of your description counted too, most of all ${words}`;
}

const MEGABYTE = 1_000_000;
/** "12.3" for 12 345 678 bytes; "14" for 14 000 000. */
export const megabytes = (bytes) => (Number(bytes) / MEGABYTE).toFixed(1).replace(/\.0$/, "");
