// Every word a visitor reads about a result, phrased from the engine's data (result format 3) and the
// model the worker loaded: its content (stage names, questions, reasons, next steps, flags) and its
// sentences (`words`, in the site's language). This is the one module that knows the model's shape:
// the rest of the page asks it through the functions below, so a change of that shape is a change
// here only (and in diagnostic/schema/model.schema.json, which the tests hold it to).
//
// Pure: no DOM, so Node's test runner checks it (tests/js/).
import { fill, listed } from "./words.mjs";

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
export const levelWord = (model, level) => model.words[`level_${level}`] ?? model.words.level_none;

/** Sources by id, with their number in the site's bibliography: [{id, number}]. */
export const sourceRefs = (model, ids) => (ids ?? [])
  .map((id) => model.sources?.find((source) => source.id === id))
  .filter(Boolean)
  .map(({ id, number }) => ({ id, number }));

/** A stage's next steps, in the model's order: [{who, text, sources, own}]. */
export const nextSteps = (model, frameworkId, stageId) => (stage(model, frameworkId, stageId)?.next_steps ?? [])
  .map((step) => ({ who: step.for, text: step.text, sources: sourceRefs(model, step.sources), own: step.own === true }));

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
      title: fill(model.words.move_back_title, { title: found?.title ?? item.id, framework: frameworkName(model, item.framework) }),
      advice: move.text,
      sources: sourceRefs(model, move.sources),
    };
  }
  return found ? { title: found.title, advice: found.advice, sources: sourceRefs(model, found.sources) } : null;
}

// -- phrases -------------------------------------------------------------------------------------

export const whoHeading = (model, who) => model.words[`who_${who}`] ?? model.words.who_other;

/** A quotation of the visitor's own words, in the language's quotation marks. */
export const quoted = (model, text) => fill(model.words.quote, { text: plain(text) });

/** "between Initiation and Cultivation", in the framework's order, or "" when not between two. */
export function betweenPhrase(model, frameworkId, stageId, betweenId) {
  if (!stageId || !betweenId) return "";
  const order = stagesOf(model, frameworkId).map((item) => item.id);
  const [first, second] = order.indexOf(betweenId) < order.indexOf(stageId) ? [betweenId, stageId] : [stageId, betweenId];
  return fill(model.words.between, { first: stageName(model, frameworkId, first), second: stageName(model, frameworkId, second) });
}

/** "Fairly sure" or "Fairly sure, between Initiation and Cultivation". */
export const levelPhrase = (model, level, between) =>
  (between ? fill(model.words.level_between, { level: levelWord(model, level), between }) : levelWord(model, level));

/** The common timeline as a detail, explained: where the relationship sits from 0 to 100. */
export function positionPhrase(model, position) {
  if (!position) return "";
  const round = (value) => Math.round(Number(value));
  return fill(model.words.position, { mean: round(position.mean), low: round(position.low), high: round(position.high) });
}

/**
 * How one piece of evidence was had: a sentence with `{answer}` left for the answer it gave (the
 * page links it to its question), e.g. 'You wrote “two months ago”: read as {answer}'.
 */
export function evidenceSource(model, item) {
  if (item.from !== "text") return model.words.evidence_given;
  return fill(model.words[item.hedged ? "evidence_read_hedged" : "evidence_read"], { quote: quoted(model, item.quote) });
}

/**
 * What the wording model concluded, with its most telling phrases (the result's `wording`), e.g.
 * 'How your description is worded points to Rapport-building (Clutterbuck's five phases), most of
 * all “still getting to know” and “first sessions”.'; "" when it did not weigh in.
 */
export function wordingSentence(model, wording) {
  const quotes = (wording?.quotes ?? []).map((item) => plain(item.quote)).filter(Boolean);
  if (quotes.length === 0) return "";
  const phrases = listed(model.words, quotes.map((quote) => quoted(model, quote)));
  if (!wording.stage) return fill(model.words.wording_no_stage, { quotes: phrases });
  const { framework: frameworkId, stage: stageId } = wording.stage;
  return fill(model.words.wording_stage, {
    stage: stageName(model, frameworkId, stageId), framework: frameworkName(model, frameworkId), quotes: phrases,
  });
}

/** Why a framework's own rule places the pair elsewhere (`apart`), in a sentence; "" when it does not. */
export function apartSentence(model, frameworkId, stageId, apart) {
  if (apart !== "durations" || !stageId) return "";
  return fill(model.words.apart_durations, { framework: frameworkName(model, frameworkId), stage: stageName(model, frameworkId, stageId) });
}

/** The question a read answer that would raise a flag is put as, before any alarm. */
export function confirmQuestion(model, item) {
  return fill(model.words.confirm, {
    answer: optionLabel(model, item.question, item.option),
    question: questionText(model, item.question),
    quote: quoted(model, item.quote ?? ""),
  });
}

const MEGABYTE = 1_000_000;
/**
 * "12.3" for 12 345 678 bytes, "14" for 14 000 000, with the language's `decimal_mark` (words of
 * `page`). Not Intl.NumberFormat: the first one a page makes sets up the browser's number data, a
 * task of 150 ms on a slow phone, in the middle of the page's start.
 */
export function megabytes(bytes, decimalMark = ".") {
  const tenths = Math.round((Number(bytes) || 0) / (MEGABYTE / 10));
  const rest = tenths % 10;
  return rest ? `${Math.trunc(tenths / 10)}${decimalMark}${rest}` : `${tenths / 10}`;
}
