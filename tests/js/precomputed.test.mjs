// The results worked out when the site was built: looked up by answers only, pairs fetched only
// when they are needed, nothing made up when a file is missing. (That each result is the engine's
// own is tests/pyodide's to show.)
import assert from "node:assert/strict";
import { test } from "node:test";

import { answersKey, precomputedResults } from "../../plugins/mentoring_stages/assets/diagnostic/precomputed.mjs";

const SINGLES = "https://site.test/assets/p/precomputed-1.json";
const PAIRS = "https://site.test/assets/p/precomputed-pairs-2.json";

function files({ singles = true, pairs = true } = {}) {
  const fetched = [];
  const fetchJSON = async (url) => {
    fetched.push(url);
    if (url === SINGLES && singles) {
      return { format: 1, pairs: "precomputed-pairs-2.json", results: { "goals=yes": { n: 1 }, "agenda=no": { n: 2 } } };
    }
    if (url === PAIRS && pairs) return { format: 1, results: { "agenda=no&goals=yes": { n: 3 } } };
    throw new Error(`${url}: HTTP 404`);
  };
  return { fetched, fetchJSON };
}

test("the key is the answers sorted by question, as precomputed.py writes it", () => {
  assert.equal(answersKey({ "time-together": "a", agenda: "b", goals: "c" }), "agenda=b&goals=c&time-together=a");
});

test("one answer: its result, a copy the page may change; the pairs are not fetched", async () => {
  const { fetched, fetchJSON } = files();
  const results = precomputedResults(SINGLES, fetchJSON);
  const [found] = await results.lookup([{ answers: { goals: "yes" }, text: "" }]);
  assert.deepEqual(found, { n: 1 });
  found.n = 9;
  assert.deepEqual(await results.lookup([{ answers: { goals: "yes" }, text: "" }]), [{ n: 1 }]);
  assert.deepEqual(fetched, [SINGLES]);
});

test("two answers fetch the pairs, named by the singles' file, once", async () => {
  const { fetched, fetchJSON } = files();
  const results = precomputedResults(SINGLES, fetchJSON);
  const pair = { answers: { goals: "yes", agenda: "no" }, text: "" };
  assert.deepEqual(await results.lookup([pair]), [{ n: 3 }]);
  assert.deepEqual(await results.lookup([pair, { answers: { agenda: "no" }, text: "" }]), [{ n: 3 }, { n: 2 }]);
  assert.deepEqual(fetched, [SINGLES, PAIRS]);
});

test("without waiting, only what has arrived: the ready engine is faster than a download", async () => {
  const { fetched, fetchJSON } = files();
  const results = precomputedResults(SINGLES, fetchJSON);
  const pair = { answers: { goals: "yes", agenda: "no" }, text: "" };
  assert.equal(await results.lookup([pair], { wait: false }), null);
  assert.deepEqual(fetched, [SINGLES], "and nothing fetched for it");
  await results.lookup([{ answers: { goals: "yes" }, text: "" }]);
  assert.deepEqual(await results.lookup([{ answers: { goals: "yes" }, text: "" }], { wait: false }), [{ n: 1 }]);
});

test("a description, three answers, an unknown answer or a partner's unknown: the engine's to answer", async () => {
  const { fetchJSON } = files();
  const results = precomputedResults(SINGLES, fetchJSON);
  assert.equal(await results.lookup([{ answers: { goals: "yes" }, text: "We meet." }]), null);
  assert.equal(await results.lookup([{ answers: { goals: "yes", agenda: "no", x: "1" }, text: "" }]), null);
  assert.equal(await results.lookup([{ answers: { goals: "maybe" }, text: "" }]), null);
  assert.equal(await results.lookup([{ answers: { goals: "yes" }, text: "" }, { answers: {}, text: "" }]), null);
});

test("missing files, or no file at all, give no result rather than an error", async () => {
  const { fetchJSON } = files({ singles: false });
  assert.equal(await precomputedResults(SINGLES, fetchJSON).lookup([{ answers: { goals: "yes" }, text: "" }]), null);
  const noPairs = files({ pairs: false });
  const pair = { answers: { goals: "yes", agenda: "no" }, text: "" };
  assert.equal(await precomputedResults(SINGLES, noPairs.fetchJSON).lookup([pair]), null);
  assert.equal(await precomputedResults("", fetchJSON).lookup([{ answers: { goals: "yes" }, text: "" }]), null);
});

test("a request whose headline is another framework's than the files' waits for the engine", async () => {
  const made = async (url) => ({ format: 1, framework: "kram", pairs: "p.json", results: { "goals=yes": { n: 1 } } });
  const results = precomputedResults(SINGLES, made);
  assert.deepEqual(await results.lookup([{ answers: { goals: "yes" }, text: "", framework: "kram" }]), [{ n: 1 }]);
  assert.equal(await results.lookup([{ answers: { goals: "yes" }, text: "" }]), null);
  assert.equal(await results.lookup([{ answers: { goals: "yes" }, text: "", framework: "clutterbuck" }]), null);
  const unnamed = precomputedResults(SINGLES, files().fetchJSON);
  assert.equal(await unnamed.lookup([{ answers: { goals: "yes" }, text: "", framework: "kram" }]), null);
});
