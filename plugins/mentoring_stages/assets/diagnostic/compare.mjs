// Where two people's answers differ, question by question: what a pair would talk about. Pure.
import { frameworkName, optionLabel, questionIds, questionText, stageName } from "./phrasing.mjs";
import { counted, fill } from "./words.mjs";

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

/**
 * What the page shows for two results: {answers, summary, stages}: the differing answers, and two
 * sentences, about the answers and about the stages. `locale` counts "1 question", "2 questions".
 */
export function comparisonView(model, mine, theirs, locale) {
  const words = model.words;
  const name = (id, stage) => (stage ? stageName(model, id, stage) : words.cannot_tell);
  const stages = differingStages(mine, theirs);
  const answers = differingAnswers(model, mine.answers ?? {}, theirs.answers ?? {});
  const { onlyMine, onlyTheirs } = answeredByOne(model, mine.answers ?? {}, theirs.answers ?? {});
  const questions = (count) => counted(words, "questions", count, locale);
  const summary = [
    answers.length === 0 ? words.same_answers : fill(words.different_answers, { questions: questions(answers.length) }),
    onlyTheirs ? fill(words.only_theirs, { questions: questions(onlyTheirs) }) : "",
    onlyMine ? fill(words.only_mine, { questions: questions(onlyMine) }) : "",
  ].filter(Boolean).join(" ");
  const pairs = stages.map(({ id, mine: a, theirs: b }) =>
    fill(words.stage_pair, { framework: frameworkName(model, id), mine: name(id, a), theirs: name(id, b) }));
  return {
    answers,
    summary,
    stages: stages.length === 0
      ? fill(words.same_stages, { count: Object.keys(mine.frameworks ?? {}).length })
      : fill(words.different_stages, { list: pairs.join("; "), advice: words.comparison_advice }),
  };
}
