// How a result reads: phrased from the model, never from the engine, one framework or all.
import assert from "node:assert/strict";
import { test } from "node:test";

import { model, stageResult, unsureResult } from "./fixtures.mjs";
import { resultView, summaryLine } from "../../plugins/mentoring_stages/assets/diagnostic/result-view.mjs";
import { plain } from "../../plugins/mentoring_stages/assets/diagnostic/phrasing.mjs";

const stageUrl = (framework, stage) => `../frameworks/${framework}/#stage-${stage}`;

test("one framework: its stage, level and neighbour in the headline, linked to the stage's page", () => {
  const view = resultView(stageResult, model, { shown: "kram", stageUrl });
  assert.deepEqual(view.frameworks.map((item) => item.id), ["kram"]);
  assert.deepEqual(view.headline, { title: "Initiation (Kram's four phases)", detail: "Fairly sure, between Initiation and Cultivation." });
  assert.deepEqual(view.frameworks[0].stage, { id: "initiation", name: "Initiation", url: "../frameworks/kram/#stage-initiation" });
  assert.equal(summaryLine(view), "Likely: Initiation (Kram's four phases)");
});

test("all frameworks: the headline is on the common timeline, each framework below in the model's order", () => {
  const view = resultView(stageResult, model, { shown: "all", stageUrl });
  assert.deepEqual(view.frameworks.map((item) => item.id), ["kram", "clutterbuck"]);
  assert.equal(view.headline.title, "About 27 of 100 on the common timeline");
  assert.match(view.headline.detail, /^Fairly sure \(somewhere from 15 to 40\)\./);
  assert.equal(view.frameworks[1].level, "Sure");
  assert.equal(view.frameworks[1].between, "");
});

test("a framework the site does not show falls back to all", () => {
  assert.equal(resultView(stageResult, model, { shown: "zachary" }).frameworks.length, 2);
});

test("bars: every stage of the framework in order, the likely one marked", () => {
  const [kram] = resultView(stageResult, model, { shown: "kram" }).frameworks;
  assert.deepEqual(kram.bars.map((bar) => [bar.name, bar.probability, bar.likely]), [
    ["Initiation", 0.7, true], ["Cultivation", 0.25, false], ["Separation", 0.05, false], ["Redefinition", 0, false],
  ]);
});

test("next steps come from the stage's own ids in the model, grouped by who takes them, with their sources", () => {
  const [kram] = resultView(stageResult, model, { shown: "kram" }).frameworks;
  const icas = { id: "icas-stages", number: 1 };
  assert.deepEqual(kram.nextSteps, [
    { heading: "The mentor can", items: [{ text: "Make regular time for the mentee.", sources: [icas], own: false }] },
    { heading: "The mentee can", items: [{ text: "Say plainly what you hope to gain.", sources: [], own: true }] },
    { heading: "Questions to ask", items: [{ text: "What did you hope for?", sources: [icas], own: false }] },
  ], "a source the model does not list is left out, mentor-1 is this stage's, not cultivation's, and the site's own step says so");
});

test("evidence: answers and readings of the description, quotes without bidirectional controls", () => {
  const view = resultView(stageResult, model);
  assert.deepEqual(view.evidence.map(({ questionText, answer, fromText, source }) => [questionText, answer, fromText, source]), [
    ["How long have you been working together?", "One to three months", true, "read from your description: “we met two months ago”"],
    ["Have you set goals together?", "Yes, and we work on them", false, "your answer"],
  ]);
});

test("each piece of evidence says what it tells, in the model's words", () => {
  assert.deepEqual(resultView(stageResult, model).evidence.map((item) => item.reason), ["A few months in: still early days.", ""]);
});

test("flags come from the model with their sources; unknown ids are left out", () => {
  const result = { ...stageResult, flags: [{ id: "stalled" }, { id: "no-such-flag" }] };
  assert.deepEqual(resultView(result, model).flags, [
    { title: "The relationship may have stalled", advice: "Name it together.", sources: [{ id: "programme-handbook", number: 4 }] },
  ]);
});

test("a move back takes its words and sources from the framework's own entry", () => {
  const result = { ...stageResult, flags: [{ id: "move-back", framework: "kram", from: "cultivation", to: "initiation" }] };
  assert.deepEqual(resultView(result, model).flags, [{
    title: "Moving back a stage (Kram's four phases)",
    advice: "Going back is part of how relationships behave.",
    sources: [{ id: "icas-stages", number: 1 }],
  }]);
});

test("a hedged reading says so", () => {
  const result = structuredClone(stageResult);
  result.evidence[0].hedged = true;
  assert.match(resultView(result, model).evidence[0].source, /said with some doubt$/);
});

test("not enough to tell: no stage, no next steps, and the questions that would help most, best first", () => {
  const view = resultView(unsureResult, model, { shown: "all", stageUrl });
  assert.equal(view.decided, false);
  assert.equal(view.headline.title, "Not enough to tell yet");
  assert.equal(summaryLine(view), "Not enough to tell yet");
  for (const framework of view.frameworks) {
    assert.equal(framework.stage, null);
    assert.equal(framework.level, "Not enough to tell yet");
    assert.deepEqual(framework.nextSteps, []);
  }
  assert.deepEqual(view.askNext.map((item) => item.id), ["time-together", "goals", "feelings"]);
  assert.equal(view.askNext[0].text, "How long have you been working together?");
});

test("next steps are never shown for a stage the engine did not give", () => {
  const result = structuredClone(stageResult);
  result.frameworks.kram.stage = null;
  assert.deepEqual(resultView(result, model, { shown: "kram" }).frameworks[0].nextSteps, []);
});

test("plain() strips every bidirectional control", () => {
  assert.equal(plain("a\u202eb\u2066c\u2069d\u200fe\u061cf\u202ag"), "abcdefg");
});

test("the wording's quotes are listed as the site's own reading, bidirectional controls removed", () => {
  const result = structuredClone(stageResult);
  assert.equal(resultView(result, model).wording, "", "no wording in the result: no line");
  result.wording = { quotes: [{ quote: "outgrown", start: 8, end: 16 }, { quote: "wrap\u202Eping up", start: 30, end: 41 }] };
  assert.equal(resultView(result, model).wording,
    "The wording of your description counted too, most of all “outgrown” and “wrapping up”");
  result.wording = { quotes: [{ quote: "still feeling each other out", start: 0, end: 28 }] };
  assert.equal(resultView(result, model).wording,
    "The wording of your description counted too, most of all “still feeling each other out”");
  result.wording = { quotes: [] };
  assert.equal(resultView(result, model).wording, "");
});
