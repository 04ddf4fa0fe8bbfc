// Comparing two people's answers: the questions they answered differently, with both answers, in
// the site's words.
import assert from "node:assert/strict";
import { test } from "node:test";

import { model, modelDe, results } from "./fixtures.mjs";
import { answeredByOne, comparisonView, differingAnswers, differingStages } from "../../plugins/mentoring_stages/assets/diagnostic/compare.mjs";

test("differing answers: both answered, differently, in the questionnaire's order, labelled", () => {
  const mine = { feelings: "productive", "time-together": "one-to-three-months", goals: "agreed-working" };
  const theirs = { "time-together": "two-to-five-years", goals: "agreed-working" };
  assert.deepEqual(differingAnswers(model, mine, theirs), [
    { question: "time-together", text: "How long have you been working together?", mine: "One to three months", theirs: "Two to five years" },
  ]);
  assert.deepEqual(differingAnswers(model, mine, mine), []);
  assert.deepEqual(answeredByOne(model, mine, theirs), { onlyMine: 1, onlyTheirs: 0 });
});

test("differing stages per framework", () => {
  assert.deepEqual(differingStages(results.stage, results.unsure).map((item) => item.theirs), [null, null]);
  assert.deepEqual(differingStages(results.stage, results.stage), []);
});

const { partner } = results.comparison.comparison;

test("the comparison view says where the answers and the stages differ, with the model's advice", () => {
  const view = comparisonView(model, results.comparison, partner, "en");
  assert.deepEqual(view.answers.map((row) => [row.mine, row.theirs]), [["One to three months", "Two to five years"]]);
  assert.equal(view.summary, "You answered 1 question differently: worth talking through together. Your partner answered 1 question you have not.");
  const names = (result) => Object.fromEntries(Object.entries(result.frameworks).map(([id, item]) => [id, item.stage]));
  assert.notDeepEqual(names(results.comparison), names(partner), "the fixture's two place the pair apart");
  assert.match(view.stages, /^Your answers point to different stages in .+\(you: .+; your partner: .+\)/);
  assert.ok(view.stages.endsWith(model.words.comparison_advice));
  const same = comparisonView(model, results.stage, results.stage, "en");
  assert.equal(same.stages, `Your answers point to the same stage in all ${model.frameworks.length} frameworks.`);
  assert.equal(same.summary, "Where you both answered, you gave the same answers.");
});

test("in German, the comparison counts and speaks German", () => {
  const view = comparisonView(modelDe, results.comparison, partner, "de");
  assert.equal(view.summary, "Sie haben 1 Frage unterschiedlich beantwortet: Es lohnt sich, gemeinsam darüber zu sprechen. Ihr Gegenüber hat 1 Frage beantwortet, die Sie nicht beantwortet haben.");
  assert.match(view.stages, /^Ihre Antworten weisen auf unterschiedliche Phasen in/);
});
