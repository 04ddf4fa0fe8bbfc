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
  assert.deepEqual(view.headline, { title: "Initiation (Kram's four phases)", detail: "Likely, between Initiation and Cultivation." });
  assert.deepEqual(view.frameworks[0].stage, { id: "initiation", name: "Initiation", url: "../frameworks/kram/#stage-initiation" });
  assert.equal(summaryLine(view), "Likely: Initiation (Kram's four phases)");
});

test("all frameworks: the headline is on the common timeline, each framework below in the model's order", () => {
  const view = resultView(stageResult, model, { shown: "all", stageUrl });
  assert.deepEqual(view.frameworks.map((item) => item.id), ["kram", "clutterbuck"]);
  assert.equal(view.headline.title, "About 27 of 100 on the common timeline");
  assert.match(view.headline.detail, /^Likely \(somewhere from 15 to 40\)\./);
  assert.equal(view.frameworks[1].level, "very likely");
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

test("next steps come from the model by id, grouped by who takes them", () => {
  const [kram] = resultView(stageResult, model, { shown: "kram" }).frameworks;
  assert.deepEqual(kram.nextSteps, [
    { heading: "The mentor can", items: ["Make regular time for the mentee."] },
    { heading: "The mentee can", items: ["Say plainly what you hope to gain."] },
  ]);
});

test("evidence: answers and readings of the description, quotes without bidirectional controls", () => {
  const view = resultView(stageResult, model);
  assert.deepEqual(view.evidence.map(({ questionText, answer, fromText, source }) => [questionText, answer, fromText, source]), [
    ["How long have you been working together?", "One to three months", true, "read from your description: “we met two months ago”"],
    ["Have you set goals together?", "Yes, and we work on them", false, "your answer"],
  ]);
});

test("flags come from the model with their sources; unknown ids are left out", () => {
  const result = { ...stageResult, flags: [{ id: "stalled" }, { id: "no-such-flag" }] };
  assert.deepEqual(resultView(result, model).flags, [
    { title: "The relationship may have stalled", advice: "Name it together.", sources: ["handbook"] },
  ]);
});

test("not enough to tell: no stage, no next steps, and the questions that would help most, best first", () => {
  const view = resultView(unsureResult, model, { shown: "all", stageUrl });
  assert.equal(view.decided, false);
  assert.equal(view.headline.title, "Not enough to tell yet");
  assert.equal(summaryLine(view), "Not enough to tell yet");
  for (const framework of view.frameworks) {
    assert.equal(framework.stage, null);
    assert.equal(framework.level, "cannot tell yet");
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
