// The cohort page's pure modules under Node: filters and counts, chart geometry, the worker protocol
// for batches, a mentor's own history (and that Forget erases it), and the calendar reminder.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fitted, histogramChart, pathsChart } from "../../plugins/mentoring_stages/assets/diagnostic/cohort-chart.mjs";
import { batchClient } from "../../plugins/mentoring_stages/assets/diagnostic/cohort-client.mjs";
import {
  ANY, flagCounts, histogram, latestRows, NO_STAGE, pathsToDraw, shownRows, stageCounts, stillPairs,
} from "../../plugins/mentoring_stages/assets/diagnostic/cohort-view.mjs";
import { historyRows, localDay, MAX_HISTORY, parseHistory, withEntry } from "../../plugins/mentoring_stages/assets/diagnostic/history.mjs";
import { addDays, escapeText, fold, reminderCalendar } from "../../plugins/mentoring_stages/assets/diagnostic/ics.mjs";
import { keeper } from "../../plugins/mentoring_stages/assets/diagnostic/storage.mjs";

// The common timeline's [start, end], as the page hands it over (data-msc-timeline, from the engine).
const TIMELINE = [0, 100];

/** A row as the engine's batch gives it, in one framework "f" with stages a, b, c. */
const row = (number, { pair = "", date = null, stage = null, level = "none", mean = null, flags = [] } = {}) => ({
  row: number, pair, date, answers: {},
  position: mean === null ? null : { mean, low: mean - 5, high: mean + 5 },
  frameworks: { f: { stage, level, confidence: 0.5 } },
  flags: flags.map((id) => ({ id, status: "raised", evidence: [] })),
  problems: [],
});

const ROWS = [
  row(2, { pair: "A", date: "2026-01-01", stage: "a", level: "low", mean: 3, flags: ["stalled"] }),
  row(3, { pair: "A", date: "2026-03-01", stage: "b", level: "high", mean: 40 }),
  row(4, { pair: "B", date: "2026-02-01", stage: "b", level: "medium", mean: 45, flags: ["stalled", "move-back"] }),
  row(5, { pair: "", stage: null, level: "none" }),
  row(6, { pair: "B", date: "2026-02-01", stage: "c", level: "high", mean: 99.9 }), // same day: the later row
];

test("each pair's latest row, by date then row, in the file's order; rows without a pair stay", () => {
  assert.deepEqual(latestRows(ROWS).map((r) => r.row), [3, 5, 6]);
});

test("filters by stage (or none), flag and level, over every row or the latest only", () => {
  const pick = (filters) => shownRows(ROWS, { framework: "f", ...filters }).map((r) => r.row);
  assert.deepEqual(pick({}), [2, 3, 4, 5, 6]);
  assert.deepEqual(pick({ stage: "b" }), [3, 4]);
  assert.deepEqual(pick({ stage: NO_STAGE }), [5]);
  assert.deepEqual(pick({ flag: "stalled" }), [2, 4]);
  assert.deepEqual(pick({ flag: "stalled", latest: true }), []);
  assert.deepEqual(pick({ level: "high", stage: ANY, flag: ANY }), [3, 6]);
});

test("counts: every stage in order (empty ones too) then none; flags most first", () => {
  assert.deepEqual(stageCounts(ROWS, "f", ["a", "b", "c", "d"]), [
    { id: "a", count: 1 }, { id: "b", count: 2 }, { id: "c", count: 1 }, { id: "d", count: 0 },
    { id: NO_STAGE, count: 1 },
  ]);
  assert.deepEqual(flagCounts(ROWS), [{ id: "stalled", count: 2 }, { id: "move-back", count: 1 }]);
});

test("positions fall in twenty bins of the timeline, the end in the last; unplaced rows counted", () => {
  const { bins, unplaced } = histogram(ROWS, TIMELINE);
  assert.equal(bins.length, 20);
  assert.equal(unplaced, 1);
  assert.deepEqual(bins.filter((bin) => bin.count).map((bin) => [bin.from, bin.count]), [[0, 1], [40, 1], [45, 1], [95, 1]]);
});

const PATHS = [
  { pair: "A", points: [{ date: "2026-01-01", position: 10 }, { date: "2026-04-01", position: 12 }], still_days: 90 },
  { pair: "B", points: [{ date: "2026-01-01", position: 10 }, { date: "2026-02-01", position: 60 }], still_days: 0 },
  { pair: "C", points: [{ date: "2026-01-01", position: 70 }, { date: "2026-09-01", position: 71 }], still_days: 243 },
];

test("pairs that have not moved for the days set, the longest first, drawn before the others", () => {
  assert.deepEqual(stillPairs(PATHS, 60).map((p) => p.pair), ["C", "A"]);
  assert.deepEqual(stillPairs(PATHS, 100).map((p) => p.pair), ["C"]);
  assert.deepEqual(pathsToDraw(PATHS, 100, 2).map((p) => p.pair), ["C", "A"]);
});

test("the histogram's bars stand on one base, the tallest full height; the bands cover the width", () => {
  const chart = histogramChart(histogram([...ROWS, row(7, { mean: 41 })], TIMELINE), [
    { id: "a", name: "Alpha", start: 0, end: 20 }, { id: "b", name: "Beta with a long name", start: 20, end: 100 },
  ], 400, TIMELINE);
  assert.equal(chart.bars.length, 20);
  for (const bar of chart.bars) assert.ok(Math.abs(bar.y + bar.height - chart.base) < 1e-9);
  assert.equal(Math.max(...chart.bars.map((bar) => bar.height)), chart.bars.find((bar) => bar.count === 2).height);
  const [first, second] = chart.bands;
  assert.equal(first.x, chart.axis.start);
  assert.ok(Math.abs(second.x + second.width - chart.axis.end) < 1e-9);
  assert.equal(second.label, "Beta with a long name");
  assert.ok(first.label.length < "Alpha".length + 1);
  assert.ok(chart.height > chart.base);
});

test("text fits its room or is cut with an ellipsis; no room, no text", () => {
  assert.equal(fitted("Progress-making", 500), "Progress-making");
  assert.equal(fitted("Progress-making", 40), "Progr…");
  assert.equal(fitted("Progress-making", 5), "");
});

test("each path on its own row, marked when still, its points along the track", () => {
  const chart = pathsChart(PATHS, new Set(["C"]), 600, TIMELINE);
  assert.deepEqual(chart.rows.map((r) => [r.pair, r.still]), [["A", false], ["B", false], ["C", true]]);
  assert.ok(chart.rows[1].y > chart.rows[0].y);
  const [from, to] = chart.rows[1].points;
  assert.ok(chart.track.start < from.x && from.x < to.x && to.x < chart.track.end);
  assert.equal(chart.height, 3 * (chart.rows[1].y - chart.rows[0].y));
});

class FakeWorker extends EventTarget {
  sent = [];
  postMessage(message) { this.sent.push(message); }
  answer(id, json, type = "batch-result") {
    const event = new Event("message");
    event.data = { type, id, json };
    this.dispatchEvent(event);
  }
}

test("batch calls wait for start, go in order, and each gets its own answer", async () => {
  const worker = new FakeWorker();
  const client = batchClient(worker);
  const bytes = new Uint8Array([1, 2]);
  const opened = client.call({ op: "open" }, bytes);
  const next = client.call({ op: "next", count: 5 });
  assert.equal(worker.sent.length, 0, "nothing before the worker is ready");
  client.start();
  assert.deepEqual(worker.sent.map((m) => [m.type, m.request.op, m.data]), [["batch", "open", bytes], ["batch", "next", null]]);
  worker.answer(worker.sent[1].id, '{"done": 5}');
  worker.answer(worker.sent[0].id, "{}", "result"); // the diagnostic's kind of answer: not ours
  worker.answer(worker.sent[0].id, "not json");
  assert.deepEqual(await next, { done: 5 });
  assert.equal((await opened).error.kind, "crash");
  const later = client.call({ op: "export" });
  client.stop();
  assert.equal(await later, null);
});

class FakeStorage {
  items = new Map();
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

test("a mentor's history: one entry a day, oldest first, at most the limit; damage is left out", () => {
  let entries = [];
  entries = withEntry(entries, "2026-03-01", "#v1=b");
  entries = withEntry(entries, "2026-01-01", "#v1=a");
  entries = withEntry(entries, "2026-03-01", "#v1=c");
  assert.deepEqual(entries, [{ date: "2026-01-01", answers: "#v1=a" }, { date: "2026-03-01", answers: "#v1=c" }]);
  for (let day = 1; day <= MAX_HISTORY + 5; day += 1) entries = withEntry(entries, addDays("2027-01-01", day), "#v1=x");
  assert.equal(entries.length, MAX_HISTORY);
  assert.equal(entries[0].date, addDays("2027-01-01", 6));
  assert.deepEqual(parseHistory('[{"date": "2026-01-01", "answers": "#v1=a"}, {"date": "soon", "answers": "x"}, 3]'),
    [{ date: "2026-01-01", answers: "#v1=a" }]);
  assert.deepEqual(parseHistory("{broken"), []);
  assert.deepEqual(parseHistory(null), []);
});

test("history entries become the engine's rows; fragments that do not decode are left out", () => {
  const decode = (fragment) => (fragment === "#v1=a" ? { answers: { goals: "not-yet" }, text: "hi" } : null);
  assert.deepEqual(historyRows([{ date: "2026-01-01", answers: "#v1=a" }, { date: "2026-02-01", answers: "#bad" }], decode, "You"),
    [{ pair: "You", date: "2026-01-01", answers: { goals: "not-yet" }, text: "hi" }]);
  assert.equal(localDay(new Date(2026, 0, 9, 23, 59)), "2026-01-09");
});

test("the store keeps the history only through record, and Forget erases it with the answers", () => {
  const storage = new FakeStorage();
  const store = keeper(() => storage, () => assert.fail("refused"));
  store.keep("#v1=a", "kram");
  store.record("2026-01-01", "#v1=a");
  store.record("2026-02-01", "#v1=b");
  store.keepMatches({ team: "pair" });
  assert.deepEqual(store.history().map((entry) => entry.date), ["2026-01-01", "2026-02-01"]);
  store.forget();
  assert.deepEqual(store.history(), []);
  assert.equal(store.answers(), null);
  assert.deepEqual(store.matches(), { team: "pair" }, "a coordinator's matches are not the mentor's answers");
  store.forgetMatches();
  assert.deepEqual(store.matches(), {});
  assert.deepEqual([...storage.items.keys()], []);
});

test("a refusing browser keeps nothing and says so", () => {
  let refused = 0;
  const store = keeper(() => { throw new Error("SecurityError"); }, () => { refused += 1; });
  store.record("2026-01-01", "#v1=a");
  assert.deepEqual(store.history(), []);
  assert.deepEqual(store.matches(), {});
  assert.ok(refused >= 3);
});

test("the reminder is an all-day event on the day chosen, escaped and folded as RFC 5545 says", () => {
  const text = reminderCalendar({
    day: "2026-12-30", title: "Take it again; soon, please", text: "See https://example.org/diagnostic/ — ".repeat(4),
    url: "https://example.org/diagnostic/", uid: "abc@mentoring-stages", stamp: new Date(Date.UTC(2026, 11, 1, 9, 30, 5)),
  });
  const lines = text.split("\r\n");
  assert.equal(lines.at(-1), "", "ends with CRLF");
  assert.ok(lines.includes("DTSTART;VALUE=DATE:20261230"));
  assert.ok(lines.includes("DTEND;VALUE=DATE:20261231"));
  assert.ok(lines.includes("DTSTAMP:20261201T093005Z"));
  assert.ok(lines.includes("SUMMARY:Take it again\\; soon\\, please"));
  assert.ok(lines.every((line) => new TextEncoder().encode(line).length <= 75));
  assert.ok(lines.some((line) => line.startsWith(" ")), "the description is folded");
  const unfolded = text.replace(/\r\n /g, "");
  assert.ok(unfolded.includes(`DESCRIPTION:${escapeText("See https://example.org/diagnostic/ — ".repeat(4))}`));
  assert.equal(fold("é".repeat(80)).split("\r\n ")[0].length, 37, "never inside a character");
  assert.equal(escapeText("a\\b\nc"), "a\\\\b\\nc");
  assert.equal(addDays("2026-12-31", 1), "2027-01-01");
});
