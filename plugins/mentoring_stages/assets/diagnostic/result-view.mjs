// What the page shows for one engine result (format 3), as plain data: the headline in words, each
// shown framework's stage with its link, the reasons, what to confirm before any alarm, the flags,
// the questions that would help most, the next steps. render.mjs turns it into elements; Node's
// test runner checks it directly (tests/js/).
import {
  apartSentence, betweenPhrase, confirmQuestion, evidenceSource, flag, frameworkIds, frameworkName,
  levelPhrase, levelWord, nextSteps, optionLabel, optionReason, positionPhrase, questionText,
  stageName, stagesOf, whoHeading, wordingSentence,
} from "./phrasing.mjs";
import { fill } from "./words.mjs";

/** How many of the engine's most useful questions the result lists. */
const ASK_NEXT_SHOWN = 3;

/**
 * The view of a format-3 `result`. `shown` is "all" or one framework id; `stage(frameworkId,
 * stageId)` gives what the site says about a stage: {url, summary} ("" for none).
 */
export function resultView(result, model, { shown = "all", stage = () => ({ url: "", summary: "" }) } = {}) {
  const known = frameworkIds(model).filter((id) => result.frameworks?.[id]);
  const ids = shown !== "all" && known.includes(shown) ? [shown] : known;
  const frameworks = ids.map((id) => frameworkView(model, id, result.frameworks[id], stage));
  const askNext = (result.ask_next ?? []).slice(0, ASK_NEXT_SHOWN)
    .map((id) => ({ id, text: questionText(model, id) }));
  const headline = headlineView(model, result, stage, askNext[0] ?? null);
  const flags = result.flags ?? [];
  return {
    decided: headline.stage !== null,
    headline,
    position: result.position ? { ...result.position, text: positionPhrase(model, result.position) } : null,
    frameworks,
    evidence: (result.evidence ?? []).map((item) => ({
      question: item.question,
      questionText: questionText(model, item.question),
      answer: optionLabel(model, item.question, item.option),
      reason: optionReason(model, item.question, item.option),
      fromText: item.from === "text",
      source: evidenceSource(model, item),
    })),
    wording: wordingSentence(model, result.wording),
    askNext,
    confirm: flags.filter((item) => item.status === "confirm").flatMap((item) => item.evidence
      .filter((reading) => reading.from === "text")
      .map((reading) => ({ flag: item.id, question: reading.question, option: reading.option, text: confirmQuestion(model, reading) }))),
    flags: flags.filter((item) => item.status !== "confirm").map((item) => flag(model, item)).filter(Boolean),
  };
}

/**
 * The one stage the result leads with, in words: {stage: {id, name, url, summary} | null,
 * framework: {id, name} | null, sentence (with {stage} and {framework}), level, ask,
 * announcement, peek}. With no stage, what would help most instead.
 */
function headlineView(model, result, stage, ask) {
  const words = model.words;
  const top = result.headline;
  if (!top) {
    const none = levelWord(model, "none");
    return {
      stage: null, framework: null, sentence: none, level: "", ask,
      askSentence: ask ? words.headline_ask : "",
      announcement: `${none}.`,
      peek: none,
    };
  }
  const found = result.frameworks[top.framework];
  const name = stageName(model, top.framework, top.stage);
  const frameworkTitle = frameworkName(model, top.framework);
  const level = levelPhrase(model, top.level, betweenPhrase(model, top.framework, top.stage, found?.between));
  return {
    stage: { id: top.stage, name, ...stage(top.framework, top.stage) },
    framework: { id: top.framework, name: frameworkTitle },
    sentence: words.headline,
    level,
    ask: null,
    askSentence: "",
    announcement: fill(words.announce_stage, { stage: name, framework: frameworkTitle, level: levelWord(model, top.level) }),
    peek: fill(words.peek_stage, { stage: name, level: levelWord(model, top.level) }),
  };
}

function frameworkView(model, id, data, stage) {
  const words = model.words;
  const stageId = data.stage ?? null;
  const groups = [];
  for (const step of stageId ? nextSteps(model, id, stageId) : []) {
    const heading = whoHeading(model, step.who);
    const group = groups.find((item) => item.heading === heading) ?? groups[groups.push({ heading, items: [] }) - 1];
    group.items.push({ text: step.text, sources: step.sources, own: step.own });
  }
  const name = frameworkName(model, id);
  const detail = levelPhrase(model, stageId ? data.level : "none", betweenPhrase(model, id, stageId, data.between));
  return {
    id,
    name,
    stage: stageId && { id: stageId, name: stageName(model, id, stageId), url: stage(id, stageId).url },
    level: levelWord(model, stageId ? data.level : "none"),
    // "Likely stage: {stage} — Fairly sure, between …." with {stage} for the page to link
    likely: stageId ? fill(words.likely_stage, { detail }) : `${levelWord(model, "none")}.`,
    apart: apartSentence(model, id, stageId, data.apart),
    barsLabel: fill(words.bars_label, { framework: name }),
    bars: stagesOf(model, id).map((item) => ({
      ...item,
      probability: Number(data.probabilities?.[item.id] ?? 0),
      likely: item.id === stageId,
    })),
    nextSteps: groups,
  };
}
