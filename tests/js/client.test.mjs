// The worker protocol from the page's side, against a fake worker: the newest ask wins, one batch at
// the worker at a time, nothing sent before start().
import assert from "node:assert/strict";
import { test } from "node:test";

import { diagnosisClient } from "../../plugins/mentoring_stages/assets/diagnostic/client.mjs";

class FakeWorker extends EventTarget {
  sent = [];
  postMessage(message) { this.sent.push(message); }
  answer(id, json) {
    const event = new Event("message");
    event.data = { type: "result", id, json };
    this.dispatchEvent(event);
  }
}

test("nothing is sent before start; then the newest batch only", async () => {
  const worker = new FakeWorker();
  const client = diagnosisClient(worker);
  const first = client.ask([{ answers: { a: "1" } }]);
  const second = client.ask([{ answers: { a: "2" } }, { answers: { b: "1" } }]);
  assert.equal(await first, null, "replaced before it was sent");
  assert.equal(worker.sent.length, 0);
  client.start();
  assert.deepEqual(worker.sent.map((message) => message.request), [{ answers: { a: "2" } }, { answers: { b: "1" } }]);
  const [one, two] = worker.sent;
  worker.answer(two.id, '{"n": 2}');
  worker.answer(one.id, '{"n": 1}');
  assert.deepEqual(await second, [{ n: 1 }, { n: 2 }], "in the order asked, whatever order they came in");
});

test("an ask while a batch is at the worker waits for it, and the old answer is dropped", async () => {
  const worker = new FakeWorker();
  const client = diagnosisClient(worker);
  client.start();
  const first = client.ask([{ text: "a" }]);
  const second = client.ask([{ text: "ab" }]);
  assert.equal(worker.sent.length, 1, "one batch at a time");
  worker.answer(worker.sent[0].id, "{}");
  assert.equal(await first, null);
  assert.equal(worker.sent.length, 2);
  worker.answer(worker.sent[1].id, "not json");
  assert.deepEqual((await second)[0].error.kind, "crash", "an answer that is no JSON is a crash, with what the parser said");
});

test("answers to requests of another client (a page shown before) are ignored", async () => {
  const worker = new FakeWorker();
  const old = diagnosisClient(worker);
  old.start();
  old.ask([{}]);
  old.stop();
  const client = diagnosisClient(worker);
  client.start();
  const pending = client.ask([{}]);
  worker.answer(worker.sent[0].id, '{"old": true}');
  worker.answer(worker.sent[1].id, '{"new": true}');
  assert.deepEqual(await pending, [{ new: true }]);
});
