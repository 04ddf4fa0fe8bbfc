// How a result reads: phrased from the model's content and words, never from the engine or the
// page's code; the headline names a stage in words, reasons come with the words they were read
// from, a flag read from a description alone is a question first.
import assert from "node:assert/strict";
import { test } from "node:test";

import { model, modelDe, results } from "./fixtures.mjs";
import { resultView } from "../../plugins/mentoring_stages/assets/diagnostic/result-view.mjs";
import { plain } from "../../plugins/mentoring_stages/assets/diagnostic/phrasing.mjs";

const stage = (framework, id) => ({ url: `../frameworks/${framework}/#stage-${id}`, summary: `What ${id} is about.` });
const view = (name, options = {}) => resultView(results[name], model, { stage, ...options });

test("the headline names the stage in words, its framework and one confidence word: the card's", () => {
  const { headline, frameworks } = view("stage");
  const top = results.stage.headline;
  assert.equal(top.framework, "clutterbuck", "Clutterbuck leads when the site names no framework");
  assert.equal(headline.sentence, "Most likely {stage}, in {framework}");
  assert.deepEqual(headline.stage, { id: "progress-making", name: "Progress-making", url: "../frameworks/clutterbuck/#stage-progress-making", summary: "What progress-making is about." });
  assert.equal(headline.framework.name, "Clutterbuck's five phases");
  const card = frameworks.find((item) => item.id === top.framework);
  assert.equal(headline.level, "Fairly sure", "the headline's confidence word");
  assert.match(card.likely, /— Fairly sure\.$/, "is the card's");
  assert.equal(headline.announcement, "Most likely Progress-making, in Clutterbuck's five phases. Fairly sure.");
  assert.equal(headline.peek, "Most likely Progress-making · Fairly sure", "the phone's bar carries the stage's name");
});

test("the site's framework leads the headline when it names one", () => {
  const result = { ...results.stage, headline: { framework: "kram", stage: "cultivation", level: "low" } };
  const { headline } = resultView(result, model, { stage });
  assert.equal(headline.framework.name, "Kram's four phases");
  assert.match(headline.level, /^A first impression/);
});

test("not enough to tell: says so, with the one question that would help most", () => {
  const { headline, decided, askNext, frameworks } = view("unsure", { shown: "all" });
  assert.equal(decided, false);
  assert.equal(headline.sentence, "Not enough to tell yet");
  assert.deepEqual(headline.ask, askNext[0]);
  assert.equal(headline.ask.id, results.unsure.ask_next[0]);
  assert.equal(headline.askSentence, "The answer that would help most now: {question}");
  assert.equal(headline.peek, "Not enough to tell yet");
  for (const framework of frameworks) {
    assert.equal(framework.stage, null);
    assert.equal(framework.likely, "Not enough to tell yet.");
    assert.deepEqual(framework.nextSteps, []);
  }
});

test("the common timeline is a detail, explained where it is shown", () => {
  const { position } = view("stage");
  const { mean, low, high } = results.stage.position;
  assert.equal(position.text, `On the common timeline that lines up every framework, from the first meeting (0) to after the formal end (100), your relationship sits at about ${Math.round(mean)}, somewhere from ${Math.round(low)} to ${Math.round(high)}.`);
  assert.equal(view("unsure").position, null);
});

test("one framework or all, in the model's order; an unknown one falls back to all", () => {
  assert.deepEqual(view("stage", { shown: "kram" }).frameworks.map((item) => item.id), ["kram"]);
  assert.deepEqual(view("stage").frameworks.map((item) => item.id), model.frameworks.map((item) => item.id));
  assert.equal(view("stage", { shown: "zachary" }).frameworks.length, model.frameworks.length);
});

test("bars: every stage of the framework in order, the likely one marked, named for screen readers", () => {
  const [kram] = view("stage", { shown: "kram" }).frameworks;
  const probabilities = results.stage.frameworks.kram.probabilities;
  assert.deepEqual(kram.bars.map((bar) => [bar.id, bar.probability, bar.likely]),
    ["initiation", "cultivation", "separation", "redefinition"].map((id) => [id, probabilities[id], id === results.stage.frameworks.kram.stage]));
  assert.equal(kram.barsLabel, "How likely each stage of Kram's four phases is");
});

test("next steps are the stage's own, from the model, grouped by who takes them, with their sources", () => {
  const result = structuredClone(results.stage);
  result.frameworks.kram.stage = "initiation";
  const [kram] = resultView(result, model, { shown: "kram", stage }).frameworks;
  assert.deepEqual(kram.nextSteps, [
    { heading: "The mentor can", items: [{ text: "Make regular time for the mentee.", sources: [{ id: "icas-stages", number: 1 }], own: false }] },
    { heading: "The mentee can", items: [{ text: "Say plainly what you hope to gain.", sources: [], own: true }] },
    { heading: "Questions to ask", items: [{ text: "What did you hope for?", sources: [{ id: "icas-stages", number: 1 }], own: false }] },
  ]);
});

test("each reason comes with the words it was read from and the answer it gave", () => {
  const evidence = view("stage").evidence;
  const read = evidence.find((item) => item.fromText);
  const given = evidence.find((item) => !item.fromText);
  assert.deepEqual(read, {
    question: "time-together", questionText: "How long have you been working together?", answer: "One to three months",
    reason: "A few months in: still early days.", fromText: true, source: "You wrote “two months”: read as {answer}",
  });
  assert.equal(given.source, "Your answer: {answer}");
  assert.equal(given.reason, "Working on agreed goals is the heart of the relationship.");
});

test("a hedged reading says so", () => {
  const result = structuredClone(results.stage);
  result.evidence.find((item) => item.from === "text").hedged = true;
  assert.equal(resultView(result, model).evidence[0].source, "You wrote “two months”, with some doubt: read as {answer}");
});

test("the wording model's conclusion is a sentence with its phrases, which lose bidirectional controls", () => {
  const result = structuredClone(results.wording);
  result.wording = { stage: { framework: "clutterbuck", stage: "rapport-building" }, quotes: [
    { quote: "only just met", start: 8, end: 21 }, { quote: "getting to\u202e know", start: 30, end: 47 }, { quote: "about trust", start: 110, end: 121 },
  ] };
  assert.equal(resultView(result, model).wording,
    "How your description is worded points to Rapport-building (Clutterbuck's five phases), most of all “only just met”, “getting to know” and “about trust”.");
  result.wording.stage = null;
  result.wording.quotes = [{ quote: "career", start: 0, end: 6 }];
  assert.equal(resultView(result, model).wording, "How your description is worded points to no stage, most of all “career”.");
  result.wording = null;
  assert.equal(resultView(result, model).wording, "", "no wording, no sentence");
});

test("a flag read from a description alone is a question to confirm, never an alarm", () => {
  assert.deepEqual(results.confirm.flags.map((item) => item.status), ["confirm"], "the engine asks first");
  const shown = resultView(results.confirm, model);
  assert.deepEqual(shown.flags, [], "no alarm yet");
  assert.deepEqual(shown.confirm, [{
    flag: "stalled", question: "missed-meetings", option: "often",
    text: "We read “Often, and it is hard to see why” for “Do meetings get missed or put off?” from your words “keep getting cancelled”. Is that right?",
  }, {
    flag: "stalled", question: "feelings", option: "stuck",
    text: "We read “Stuck; we meet, but nothing much moves” for “Which of these is closest to how the relationship feels now?” from your words “nothing much moves”. Is that right?",
  }]);
});

test("a raised flag is an alarm, with its sources; unknown ids are left out", () => {
  const result = { ...results.flags, flags: [{ id: "stalled", status: "raised", evidence: [] }, { id: "no-such-flag", status: "raised", evidence: [] }] };
  assert.deepEqual(resultView(result, model).flags, [
    { title: "The relationship may have stalled", advice: "Name it together.", sources: [{ id: "programme-handbook", number: 2 }] },
  ]);
  assert.deepEqual(resultView(result, model).confirm, []);
});

test("a move back takes its words and sources from the framework's own entry", () => {
  const result = { ...results["move-back"], flags: [{ id: "move-back", status: "raised", evidence: [], framework: "kram", from: "cultivation", to: "initiation" }] };
  assert.deepEqual(resultView(result, model).flags, [{
    title: "Moving back a stage (Kram's four phases)",
    advice: "Going back is part of how relationships behave.",
    sources: [{ id: "icas-stages", number: 1 }],
  }]);
});

test("a framework its own rule places apart says why, in a sentence", () => {
  assert.equal(results["move-back"].frameworks.kram.apart, "durations", "Kram's durations, after years together");
  const kram = resultView(results["move-back"], model).frameworks.find((item) => item.id === "kram");
  assert.equal(kram.apart, `Kram's four phases goes by how long its stages last, not by what you describe: by time alone it places you in ${kram.stage.name}, apart from where the other frameworks place you.`);
  assert.equal(resultView(results.stage, model).frameworks.find((item) => item.id === "kram").apart, "", "not apart: nothing said");
});

test("plain() strips every bidirectional control", () => {
  assert.equal(plain("a\u202eb\u2066c\u2069d\u200fe\u061cf\u202ag"), "abcdefg");
});

test("in German, the result reads in German: no piece of the English sentences is left", () => {
  // The words a result may show: not the cohort's (batch_, survey_), whose short pieces ("the pair")
  // the content, which stays in English, may happen to hold.
  const english = Object.entries(model.words).filter(([key]) => !/^(batch|survey)_/.test(key))
    .flatMap(([, sentence]) => sentence.split(/\{\w+\}/)).map((piece) => piece.trim()).filter((piece) => piece.includes(" "));
  assert.ok(english.length > 40);
  for (const name of Object.keys(results)) {
    const shown = JSON.stringify(resultView(results[name], modelDe, { stage }));
    assert.deepEqual(english.filter((piece) => shown.includes(piece)), [], name);
  }
  assert.equal(resultView(results.unsure, modelDe).headline.sentence, "Noch nicht genug für ein Ergebnis");
  assert.equal(resultView(results.stage, modelDe).headline.sentence, "Am wahrscheinlichsten {stage}, nach {framework}");
});
