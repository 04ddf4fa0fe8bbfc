// The test fixtures, read once: written by scripts/write_contract.py from tests/js/content/ and the
// engine's own answers, with the JSON Schemas they are held to.
import { readdirSync, readFileSync } from "node:fs";

const read = (url) => JSON.parse(readFileSync(url, "utf-8"));
const FIXTURES = new URL("fixtures/", import.meta.url);

export const ASSETS = new URL("../../plugins/mentoring_stages/assets/diagnostic/", import.meta.url);
export const schemas = {
  model: read(new URL("../../diagnostic/schema/model.schema.json", import.meta.url)),
  result: read(new URL("../../diagnostic/schema/result.schema.json", import.meta.url)),
};
export const model = read(new URL("model.json", FIXTURES));
export const modelDe = read(new URL("model-de.json", FIXTURES));
export const pageWords = read(new URL("page-words.json", FIXTURES));
export const cohortWords = read(new URL("cohort-words.json", FIXTURES));
/** The engine's results, by name (result-<name>.json). */
export const results = Object.fromEntries(readdirSync(FIXTURES)
  .filter((name) => /^result-.+\.json$/.test(name))
  .map((name) => [name.slice("result-".length, -".json".length), read(new URL(name, FIXTURES))]));
