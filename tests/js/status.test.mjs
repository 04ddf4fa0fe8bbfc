// What the page says while the diagnostic starts: bytes, not steps; answers kept; failures named.
import assert from "node:assert/strict";
import { test } from "node:test";

import { statusView } from "../../plugins/mentoring_stages/assets/diagnostic/status.mjs";

test("downloading: bytes of the total, as a progress value", () => {
  const view = statusView({ stage: "downloading", failure: null, loaded: 12_345_678, total: 14_000_000 }, false);
  assert.equal(view.text, "Downloading the diagnostic: 12.3 of 14 MB…");
  assert.deepEqual(view.progress, { value: 12_345_678, max: 14_000_000 });
  assert.equal(view.waiting, "");
});

test("bytes from the browser's cache are said apart, never counted as downloading", () => {
  const some = statusView({ stage: "downloading", failure: null, loaded: 200_000, total: 1_000_000, cached: 13_000_000, measured: true }, false);
  assert.equal(some.text, "Downloading the diagnostic: 0.2 of 1 MB; 13 MB more from this browser's cache…");
  assert.deepEqual(some.progress, { value: 200_000, max: 1_000_000 });
  const all = statusView({ stage: "downloading", failure: null, loaded: 0, total: 0, cached: 14_000_000, measured: true }, true);
  assert.equal(all.text, "Loading the diagnostic from this browser's cache…");
  assert.equal(all.progress.value, null);
  assert.match(all.waiting, /loading the diagnostic from this browser's cache\)\.$/);
});

test("answers given while loading are kept, and the page says the result follows", () => {
  const view = statusView({ stage: "downloading", failure: null, loaded: 1_000_000, total: 14_000_000 }, true);
  assert.match(view.waiting, /^Your answers are kept; the result follows/);
  assert.match(view.waiting, /1 of 14 MB/);
  assert.doesNotMatch(view.waiting, /No result/);
});

test("without a known total it says downloading, with no made-up figures", () => {
  const view = statusView({ stage: "downloading", failure: null }, false);
  assert.equal(view.text, "Downloading the diagnostic…");
  assert.equal(view.progress.value, null, "an indeterminate bar");
  assert.equal(statusView({ stage: "starting", failure: null, loaded: 5, total: 9 }, false).progress.value, 9, "downloads done");
});

test("ready: no progress, nothing waiting", () => {
  const view = statusView({ stage: "ready", failure: null, loaded: 14e6, total: 14e6 }, true);
  assert.equal(view.progress, null);
  assert.equal(view.waiting, "");
  assert.match(view.text, /ready/);
});

test("a time-out says the data stopped, and failures keep their detail", () => {
  const view = statusView({ stage: "downloading", failure: { reason: "timeout", detail: "No bytes for 45 s." } }, true);
  assert.equal(view.state, "failed");
  assert.match(view.text, /stopped receiving data/);
  assert.equal(view.detail, "No bytes for 45 s.");
  assert.match(statusView({ failure: { reason: "wasm" } }, false).text, /application\/wasm/);
  assert.match(statusView({ failure: { reason: "something new" } }, false).text, /could not start/);
  const tampered = statusView({ failure: { reason: "integrity", detail: "python_stdlib.zip: sha256 differs" } }, false);
  assert.match(tampered.text, /not the one this site was built with/);
  assert.equal(tampered.detail, "python_stdlib.zip: sha256 differs", "the file is named in the details");
});
