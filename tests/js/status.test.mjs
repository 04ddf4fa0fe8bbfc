// What the page says while the diagnostic starts: bytes, not steps; answers kept; failures named;
// all in the page's words.
import assert from "node:assert/strict";
import { test } from "node:test";

import { pageWords } from "./fixtures.mjs";
import { megabytes } from "../../plugins/mentoring_stages/assets/diagnostic/phrasing.mjs";
import { statusView } from "../../plugins/mentoring_stages/assets/diagnostic/status.mjs";

const words = pageWords.en;
const status = (runtime, hasAnswers = false) => statusView(runtime, hasAnswers, words);

test("downloading: bytes of the total, as a progress value", () => {
  const view = status({ stage: "downloading", failure: null, loaded: 12_345_678, total: 14_000_000 });
  assert.equal(view.text, "Downloading the diagnostic: 12.3 of 14 MB…");
  assert.deepEqual(view.progress, { value: 12_345_678, max: 14_000_000 });
  assert.equal(view.waiting, "");
});

test("bytes from the browser's cache are said apart, never counted as downloading", () => {
  const some = status({ stage: "downloading", failure: null, loaded: 200_000, total: 1_000_000, cached: 13_000_000, measured: true });
  assert.equal(some.text, "Downloading the diagnostic: 0.2 of 1 MB; 13 MB more from this browser's cache…");
  assert.deepEqual(some.progress, { value: 200_000, max: 1_000_000 });
  const all = status({ stage: "downloading", failure: null, loaded: 0, total: 0, cached: 14_000_000, measured: true }, true);
  assert.equal(all.text, "Loading the diagnostic from this browser's cache…");
  assert.equal(all.progress.value, null);
  assert.match(all.waiting, /Loading the diagnostic from this browser's cache…$/);
  const german = statusView({ stage: "downloading", failure: null, loaded: 200_000, total: 1_000_000, cached: 13_000_000 }, false, pageWords.de);
  assert.equal(german.text, "Die Diagnose wird heruntergeladen: 0,2 von 1 MB; weitere 13 MB aus dem Cache dieses Browsers …");
});

test("answers given while loading are kept, and the page says the result follows", () => {
  const view = status({ stage: "downloading", failure: null, loaded: 1_000_000, total: 14_000_000 }, true);
  assert.match(view.waiting, /^Your answers are kept; the result follows/);
  assert.match(view.waiting, /1 of 14 MB/);
});

test("without a known total it says downloading, with no made-up figures", () => {
  const view = status({ stage: "downloading", failure: null });
  assert.equal(view.text, "Downloading the diagnostic…");
  assert.equal(view.progress.value, null, "an indeterminate bar");
  assert.equal(status({ stage: "starting", failure: null, loaded: 5, total: 9 }).progress.value, 9, "downloads done");
});

test("ready: no progress, nothing waiting", () => {
  const view = status({ stage: "ready", failure: null, loaded: 14e6, total: 14e6 }, true);
  assert.equal(view.progress, null);
  assert.equal(view.waiting, "");
  assert.equal(view.text, words.ready);
});

test("a time-out says the data stopped, and failures keep their detail", () => {
  const view = status({ stage: "downloading", failure: { reason: "timeout", detail: "45 s" } }, true);
  assert.equal(view.state, "failed");
  assert.match(view.text, /stopped receiving data/);
  assert.equal(view.detail, "45 s");
  assert.equal(view.waiting, words.waiting_failed);
  assert.match(status({ failure: { reason: "wasm" } }).text, /application\/wasm/);
  assert.equal(status({ failure: { reason: "something new" } }).text, words.failed_start);
  const tampered = status({ failure: { reason: "integrity", detail: "python_stdlib.zip: sha256 differs" } });
  assert.match(tampered.text, /not the one this site was built with/);
  assert.equal(tampered.detail, "python_stdlib.zip: sha256 differs", "the file is named in the details");
});

test("in German, the status is German, its figures too", () => {
  const view = statusView({ stage: "downloading", failure: null, loaded: 12_345_678, total: 14_000_000 }, true, pageWords.de);
  assert.equal(view.text, "Die Diagnose wird heruntergeladen: 12,3 von 14 MB …");
  assert.match(view.waiting, /^Ihre Antworten bleiben erhalten/);
  for (const reason of ["file", "wasm", "timeout", "start", "engine", "model", "integrity"]) {
    assert.equal(statusView({ failure: { reason } }, false, pageWords.de).text, pageWords.de[`failed_${reason}`]);
    assert.notEqual(pageWords.de[`failed_${reason}`], words[`failed_${reason}`]);
  }
});

test("sizes in megabytes: tenths when there are any, with the language's decimal mark", () => {
  const cases = [[0, "0"], [40_000, "0"], [50_000, "0,1"], [950_000, "1"], [12_345_678, "12,3"], [49_950_000, "50"], [130_000_000, "130"]];
  for (const [bytes, shown] of cases) assert.equal(megabytes(bytes, ","), shown, `${bytes} bytes`);
  assert.equal(megabytes(12_345_678), "12.3", "a full stop unless the words say otherwise");
});
