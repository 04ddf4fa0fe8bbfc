// Share links under Node: every hostile fragment gives a ShareError naming the words that tell the
// visitor why, never an exception of another kind, and only known ids survive. (Moved here from Chromium: the
// module is pure, and the browser tests keep only what needs a browser.)
import assert from "node:assert/strict";
import { test } from "node:test";

import { pageWords } from "./fixtures.mjs";
import { decodeShare, encodeShare, ShareError } from "../../plugins/mentoring_stages/assets/diagnostic/share.mjs";

const QUESTIONS = new Map([
  ["time-together", new Set(["under-one-month", "one-to-three-months"])],
  ["goals", new Set(["no", "yes"])],
]);
const MAX_TEXT = 4000;
const encoded = (text) => Buffer.from(text, "latin1").toString("base64url");
const decode = (fragment) => decodeShare(fragment, QUESTIONS, MAX_TEXT);

test("a state survives the round trip, text and mode included", () => {
  const state = { mode: "description", answers: { goals: "yes" }, text: "We met in März; ünïcödé ✓ and 😀" };
  const fragment = encodeShare(state);
  assert.match(fragment, /^#v1=[A-Za-z0-9_-]+$/);
  assert.deepEqual(decode(fragment), { state, dropped: 0 });
  assert.deepEqual(decode(fragment.slice(1)), { state, dropped: 0 }, "the '#' is optional");
});

test("an ordinary anchor is not a share link", () => {
  assert.equal(decode("#stage-initiation"), null);
  assert.equal(decode("<script>alert(1)</script>"), null);
});

const HOSTILE = {
  "script in the payload": ["v1=<script>alert(1)</script>", "link_damaged"],
  "invalid base64": ["v1=!!!!", "link_damaged"],
  "not JSON": ["v1=" + encoded("<img src=x onerror=alert(1)>"), "link_damaged"],
  "invalid UTF-8": ["v1=" + encoded('{"t": "\xff\xfe"}'), "link_damaged"],
  "wrong shape": ["v1=" + encoded('{"a": ["x"], "m": "q"}'), "link_damaged"],
  "unknown key": ["v1=" + encoded('{"x": 1}'), "link_damaged"],
  "prototype key": ["v1=" + encoded('{"__proto__": {"polluted": 1}}'), "link_damaged"],
  "text of the wrong type": ["v1=" + encoded('{"t": 5}'), "link_damaged"],
  "unknown mode": ["v1=" + encoded('{"m": "x"}'), "link_damaged"],
  "huge": ["v1=" + "A".repeat(50_000), "link_too_long"],
  "unknown version": ["v7=" + encoded("{}"), "link_other_version", { version: 7 }],
  "old version": ["v0=" + encoded("{}"), "link_other_version", { version: 0 }],
};

for (const [name, [fragment, reason, values = {}]] of Object.entries(HOSTILE)) {
  test(`hostile fragment: ${name}`, () => {
    assert.throws(() => decode(`#${fragment}`), (error) => error instanceof ShareError && error.reason === reason
      && JSON.stringify(error.values) === JSON.stringify(values) && reason in pageWords.en);
    assert.equal(Object.prototype.polluted, undefined);
  });
}

test("answers to unknown questions or options are dropped and counted", () => {
  const payload = { a: { "<img src=x onerror=alert(1)>": "x", goals: "maybe", "time-together": "under-one-month", constructor: "yes" } };
  const decoded = decode("v1=" + encoded(JSON.stringify(payload)));
  assert.deepEqual(decoded.state.answers, { "time-together": "under-one-month" });
  assert.equal(decoded.dropped, 3);
});

test("markup in the text stays text", () => {
  const text = "<script>alert(1)</script><img src=x onerror=alert(2)>";
  assert.equal(decode(encodeShare({ mode: "description", answers: {}, text })).state.text, text);
});

test("the description limit comes from the caller (the model), not from the module", () => {
  const fragment = encodeShare({ mode: "description", answers: {}, text: "x".repeat(120) });
  assert.equal(decodeShare(fragment, QUESTIONS, 120).state.text.length, 120);
  assert.throws(() => decodeShare(fragment, QUESTIONS, 119), ShareError);
  const longest = encodeShare({ mode: "description", answers: { goals: "yes" }, text: "\u0001".repeat(MAX_TEXT) });
  assert.equal(decode(longest).state.text.length, MAX_TEXT, "the worst-case text of the limit still fits a link");
});
