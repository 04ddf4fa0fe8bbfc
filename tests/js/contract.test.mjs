// The contract under Node: the fixtures the engine wrote are what the schemas say, the checker
// catches a field the schemas do not know, and the page's modules ask for no word the site's
// language files lack, nor carry English of their own.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { ASSETS, cohortWords, model, modelDe, pageWords, results, schemas } from "./fixtures.mjs";
import { problems } from "./schema.mjs";

test("the compiled models hold to the model schema, in both languages", () => {
  assert.deepEqual(problems(model, schemas.model), []);
  assert.deepEqual(problems(modelDe, schemas.model), []);
  assert.notEqual(modelDe.words.level_high, model.words.level_high, "German words in the German model");
});

test("a model field the schema does not know, or a word it lacks, is caught", () => {
  const extra = { ...structuredClone(model), colour: "red" };
  assert.match(problems(extra, schemas.model).join("\n"), /\$\.colour: not allowed/);
  const missing = structuredClone(model);
  delete missing.words.level_high;
  assert.match(problems(missing, schemas.model).join("\n"), /\$\.words: missing "level_high"/);
  const renamed = structuredClone(model);
  renamed.questions[0].options[0].why = renamed.questions[0].options[0].reason;
  delete renamed.questions[0].options[0].reason;
  assert.ok(problems(renamed, schemas.model).length >= 2, "a renamed field: one missing, one unknown");
});

for (const [name, result] of Object.entries(results)) {
  test(`the engine's result "${name}" holds to the result schema`, () => {
    assert.deepEqual(problems(result, schemas.result), []);
  });
}

test("a result field the schema does not know is caught", () => {
  const result = { ...structuredClone(results.stage), mood: "sunny" };
  assert.match(problems(result, schemas.result).join("\n"), /\$\.mood: not allowed/);
});

/** The pages' modules: diagnostic.mjs and cohort.mjs (the two the loader starts) and what they
 * import, and on. The worker is left out: it writes nothing a visitor reads but what the engine and
 * the browser say of a failure (under "Technical details"), and it holds Python code. */
function pageModules() {
  const found = new Map();
  const walk = (name) => {
    if (found.has(name) || name === "worker.mjs") return;
    const source = readFileSync(new URL(name, ASSETS), "utf-8");
    found.set(name, source);
    for (const [, imported] of source.matchAll(/(?:from|import\()\s*"\.\/([\w-]+\.mjs)"/g)) walk(imported);
  };
  walk("diagnostic.mjs");
  walk("cohort.mjs");
  return [...found];
}
const modules = pageModules();
/** A module's code without its comments. */
const code = (source) => source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");

/** The words a module names as `<object>.<word>`, with the module's name. */
const named = (object) => modules.flatMap(([name, source]) => [...code(source).matchAll(new RegExp(`\\b${object}\\.([a-z][a-z_]*)\\b(?!["'])`, "g"))]
  .map((found) => [name, found[1]]));

test("every word the page's modules name is in the model's words or the page's", () => {
  const known = new Set([...Object.keys(model.words), ...Object.keys(pageWords.en)]);
  const words = named("words");
  assert.ok(words.length > 20, "the modules name their words");
  assert.deepEqual(words.filter(([, key]) => !known.has(key)), []);
});

test("every word the cohort page's scripts name is in its words (data-msc-words)", () => {
  const words = named("cohortWords");
  assert.ok(words.length > 20, "cohort.mjs names its words");
  assert.ok(words.every(([name]) => name === "cohort.mjs"), "only the cohort page reads them");
  assert.deepEqual(words.filter(([, key]) => !(key in cohortWords.en)), []);
  const unused = Object.keys(cohortWords.en).filter((key) => !words.some(([, used]) => used === key));
  assert.deepEqual(unused, [], "a word no script says is a word no visitor reads");
});

test("no module carries a sentence of its own: every word a visitor reads comes from the site's language", () => {
  // A string of three words or more, starting with a letter: a sentence, not a selector or a key.
  const sentence = /(["'`])([A-Za-z][a-z']*(?: [A-Za-z][a-z',.]*){2,}[^"'`]*)\1/g;
  const found = modules.flatMap(([name, source]) => [...code(source).matchAll(sentence)].map((match) => `${name}: ${match[2]}`));
  assert.deepEqual(found, []);
});
