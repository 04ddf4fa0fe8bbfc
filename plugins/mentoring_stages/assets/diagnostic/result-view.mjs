// What the page shows for one engine result, as plain data: the headline, each shown framework's
// stage with its link, the evidence, the questions that would help most, the flags, the next steps.
// render.mjs turns it into elements; Node's test runner checks it directly (tests/js/).
import {
  betweenPhrase, evidenceSource, flag, frameworkIds, frameworkName, levelWord, nextStep,
  optionLabel, optionReason, positionPhrase, questionText, stageName, stagesOf, whoHeading,
  wordingLine,
} from "./phrasing.mjs";

/** How many of the engine's most useful questions the result lists. */
const ASK_NEXT_SHOWN = 3;

/**
 * The view of a format-2 `result`. `shown` is "all" or one framework id; `stageUrl(frameworkId,
 * stageId)` gives the link to a stage's page (or "" for none).
 */
export function resultView(result, model, { shown = "all", stageUrl = () => "" } = {}) {
  const known = frameworkIds(model).filter((id) => result.frameworks?.[id]);
  const ids = shown !== "all" && known.includes(shown) ? [shown] : known;
  const frameworks = ids.map((id) => frameworkView(model, id, result.frameworks[id], stageUrl));
  const decided = frameworks.filter((item) => item.stage);
  const askNext = (result.ask_next ?? []).slice(0, ASK_NEXT_SHOWN)
    .map((id) => ({ id, text: questionText(model, id) }));
  return {
    decided: decided.length > 0,
    headline: headline(model, result, frameworks, decided),
    position: result.position ?? null,
    frameworks,
    evidence: (result.evidence ?? []).map((item) => ({
      question: item.question,
      questionText: questionText(model, item.question),
      answer: optionLabel(model, item.question, item.option),
      reason: optionReason(model, item.question, item.option),
      fromText: item.from === "text",
      source: evidenceSource(item),
    })),
    wording: wordingLine(result.wording),
    askNext,
    flags: (result.flags ?? []).map((item) => flag(model, item)).filter(Boolean),
  };
}

function frameworkView(model, id, data, stageUrl) {
  const stage = data.stage ?? null;
  const steps = stage ? (data.next_steps ?? []).map((step) => nextStep(model, id, stage, step)).filter(Boolean) : [];
  const groups = [];
  for (const step of steps) {
    const heading = whoHeading(step.who);
    const group = groups.find((item) => item.heading === heading) ?? groups[groups.push({ heading, items: [] }) - 1];
    group.items.push({ text: step.text, sources: step.sources, own: step.own });
  }
  return {
    id,
    name: frameworkName(model, id),
    stage: stage && { id: stage, name: stageName(model, id, stage), url: stageUrl(id, stage) },
    level: levelWord(model, stage ? data.level : "none"),
    between: betweenPhrase(model, id, stage, data.between),
    bars: stagesOf(model, id).map((item) => ({
      ...item,
      probability: Number(data.probabilities?.[item.id] ?? 0),
      likely: item.id === stage,
    })),
    nextSteps: groups,
  };
}

function headline(model, result, frameworks, decided) {
  if (decided.length === 0) {
    return { title: levelWord(model, "none"), detail: "Answers to the questions that would help most, listed here, will tell more." };
  }
  if (frameworks.length === 1) {
    const [only] = frameworks;
    const between = only.between ? `, ${only.between}` : "";
    return { title: `${only.stage.name} (${only.name})`, detail: `${only.level}${between}.` };
  }
  const where = positionPhrase(result.position);
  const range = where ? ` (somewhere from ${where.range})` : "";
  return {
    title: where?.at ?? `${decided.length} of ${frameworks.length} frameworks give a stage`,
    detail: `${levelWord(model, result.level)}${range}. Each framework's stage is below; choose one to see only it.`,
  };
}

/** One line for the compact summary that stays in view on a phone. */
export function summaryLine(view) {
  if (!view.decided) return view.headline.title;
  if (view.frameworks.length === 1) return `Likely: ${view.headline.title}`;
  return view.headline.title;
}
