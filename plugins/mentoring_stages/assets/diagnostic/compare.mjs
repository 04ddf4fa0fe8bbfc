// Where two people's answers differ, question by question: what a pair would talk about. Pure.
import { comparisonAdvice, frameworkName, optionLabel, questionIds, questionText, stageName } from "./phrasing.mjs";

/**
 * The questions, in the questionnaire's order, that both answered and answered differently:
 * [{question, text, mine, theirs}] with the options' labels.
 */
export function differingAnswers(model, mine, theirs) {
  return questionIds(model)
    .filter((id) => mine[id] && theirs[id] && mine[id] !== theirs[id])
    .map((id) => ({
      question: id,
      text: questionText(model, id),
      mine: optionLabel(model, id, mine[id]),
      theirs: optionLabel(model, id, theirs[id]),
    }));
}

/** How many questions only one of the two has answered: {onlyMine, onlyTheirs}. */
export function answeredByOne(model, mine, theirs) {
  const ids = questionIds(model);
  return {
    onlyMine: ids.filter((id) => mine[id] && !theirs[id]).length,
    onlyTheirs: ids.filter((id) => theirs[id] && !mine[id]).length,
  };
}

/** Frameworks whose stage differs between two results: [{id, mine, theirs}] (stage ids or null). */
export function differingStages(mine, theirs) {
  return Object.keys(mine.frameworks ?? {})
    .filter((id) => theirs.frameworks?.[id] && mine.frameworks[id].stage !== theirs.frameworks[id].stage)
    .map((id) => ({ id, mine: mine.frameworks[id].stage, theirs: theirs.frameworks[id].stage }));
}

/** What the page shows for two results: {answers, stages: [{id, text}], total, advice, onlyMine, onlyTheirs}. */
export function comparisonView(model, mine, theirs) {
  const name = (id, stage) => (stage ? stageName(model, id, stage) : "cannot tell yet");
  const stages = differingStages(mine, theirs);
  return {
    answers: differingAnswers(model, mine.answers ?? {}, theirs.answers ?? {}),
    ...answeredByOne(model, mine.answers ?? {}, theirs.answers ?? {}),
    stages: stages.map(({ id, mine: a, theirs: b }) => ({
      id,
      text: `${frameworkName(model, id)} (you: ${name(id, a)}; your partner: ${name(id, b)})`,
    })),
    total: Object.keys(mine.frameworks ?? {}).length,
    advice: stages.length ? comparisonAdvice(model) : "",
  };
}
