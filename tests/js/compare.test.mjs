// Comparing two people's answers: the questions they answered differently, with both answers.
import assert from "node:assert/strict";
import { test } from "node:test";

import { model, stageResult, unsureResult } from "./fixtures.mjs";
import { answeredByOne, comparisonView, differingAnswers, differingStages } from "../../plugins/mentoring_stages/assets/diagnostic/compare.mjs";

test("differing answers: both answered, differently, in the questionnaire's order, labelled", () => {
  const mine = { feelings: "warm", "time-together": "one-to-three-months", goals: "yes" };
  const theirs = { "time-together": "two-to-five-years", goals: "yes" };
  assert.deepEqual(differingAnswers(model, mine, theirs), [
    { question: "time-together", text: "How long have you been working together?", mine: "One to three months", theirs: "Two to five years" },
  ]);
  assert.deepEqual(differingAnswers(model, mine, mine), []);
  assert.deepEqual(answeredByOne(model, mine, theirs), { onlyMine: 1, onlyTheirs: 0 });
});

test("differing stages per framework", () => {
  assert.deepEqual(differingStages(stageResult, unsureResult), [
    { id: "kram", mine: "initiation", theirs: null },
    { id: "clutterbuck", mine: "progress-making", theirs: null },
  ]);
  assert.deepEqual(differingStages(stageResult, stageResult), []);
});

test("the comparison view names both stages and counts the frameworks", () => {
  const theirs = structuredClone(stageResult);
  theirs.answers = { "time-together": "two-to-five-years", goals: "yes" };
  theirs.frameworks.kram.stage = "separation";
  const view = comparisonView(model, stageResult, theirs);
  assert.deepEqual(view.stages, [{ id: "kram", text: "Kram's four phases (you: Initiation; your partner: Separation)" }]);
  assert.equal(view.total, 2);
  assert.equal(view.advice, "You see the relationship differently. Talk it through together.");
  assert.equal(comparisonView(model, stageResult, stageResult).advice, "", "no advice when the stages agree");
  assert.deepEqual(view.answers.map((row) => [row.mine, row.theirs]), [["One to three months", "Two to five years"]]);
});
