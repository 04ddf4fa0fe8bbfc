// Filling the site's words: placeholders, pieces for elements, lists and counts.
import assert from "node:assert/strict";
import { test } from "node:test";

import { model, modelDe } from "./fixtures.mjs";
import { counted, fill, listed, parts } from "../../plugins/mentoring_stages/assets/diagnostic/words.mjs";

test("fill puts values where their names stand and leaves the others for later", () => {
  assert.equal(fill("{a} and {b}", { a: 1, b: "two" }), "1 and two");
  assert.equal(fill("You wrote {quote}: read as {answer}", { quote: "“x”" }), "You wrote “x”: read as {answer}");
  assert.equal(fill("{a}", { a: "{b}", b: "no" }), "{b}", "a value is not filled again");
});

test("parts keep elements where the language puts them", () => {
  const link = { element: true };
  assert.deepEqual(parts("Likely stage: {stage} — Sure.", { stage: link }), ["Likely stage: ", link, " — Sure."]);
  assert.deepEqual(parts("{stage}, nach {framework}", { stage: link, framework: "Kram" }), [link, ", nach ", "Kram"]);
});

test("lists end in the language's own way", () => {
  assert.equal(listed(model.words, ["a"]), "a");
  assert.equal(listed(model.words, ["a", "b", "c"]), "a, b and c");
  assert.equal(listed(modelDe.words, ["a", "b"]), "a und b");
});

test("counts pick one or other", () => {
  assert.equal(counted(model.words, "questions", 1, "en"), "1 question");
  assert.equal(counted(model.words, "questions", 3, "en"), "3 questions");
  assert.equal(counted(modelDe.words, "questions", 2, "de"), "2 Fragen");
});
