// The test fixtures: a small model and two engine results (format 2), read once.
import { readFileSync } from "node:fs";

const read = (name) => JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf-8"));

export const model = read("model.json");
export const stageResult = read("result-stage.json");
export const unsureResult = read("result-unsure.json");
export const ASSETS = "../../plugins/mentoring_stages/assets/diagnostic/";
