// A mentor's own history: the answers of each day they took the diagnostic with "Remember my
// answers" ticked, kept in their browser only (storage.mjs keeps it; Forget erases it). Pure, so
// Node's test runner checks it (tests/js/).
//
// Kept as JSON: [{"date": "YYYY-MM-DD", "answers": "<share fragment, as share.mjs encodes it>"}],
// oldest first, one entry a day (the day's last answers), at most MAX_HISTORY entries.

export const MAX_HISTORY = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The local calendar day of `when` as YYYY-MM-DD (the day the visitor sees, not UTC's). */
export function localDay(when = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
}

/** The entries kept, from the stored text: anything damaged is left out, never thrown. */
export function parseHistory(text) {
  let data;
  try {
    data = JSON.parse(text ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data
    .filter((entry) => typeof entry?.date === "string" && DAY.test(entry.date) && typeof entry.answers === "string")
    .map(({ date, answers }) => ({ date, answers }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The entries with today's answers: a day's earlier answers replaced, the oldest dropped past the limit. */
export function withEntry(entries, date, answers) {
  const others = entries.filter((entry) => entry.date !== date);
  return [...others, { date, answers }].sort((a, b) => a.date.localeCompare(b.date)).slice(-MAX_HISTORY);
}

/**
 * The entries as rows the engine reads ({pair, date, answers, text}), each fragment decoded with
 * `decode(fragment)` -> {answers, text} or null (damaged, or of another version: left out).
 */
export function historyRows(entries, decode, pair) {
  return entries.flatMap((entry) => {
    const state = decode(entry.answers);
    return state ? [{ pair, date: entry.date, answers: state.answers, text: state.text }] : [];
  });
}
