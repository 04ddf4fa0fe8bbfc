// The cohort as the page shows it, as plain data: rows filtered, counted and placed. Pure, so Node's
// test runner checks it (tests/js/).
//
// A row is what the engine gives for each row of the file (stage_diagnostic.batch.row_result):
//   {row, pair, date ("YYYY-MM-DD" | null), answers, position: {mean, low, high} | null,
//    frameworks: {id: {stage | null, level, confidence}}, flags: [{id, status, evidence}], problems}
// and a path what it gives for each pair over time (batch.pair_paths):
//   {pair, points: [{row, date, position}], moved, still_days, still_since}

export const ANY = "*"; // a filter that lets every row through
export const NO_STAGE = "-"; // the stage filter's value for rows that say too little
// The chart's bars: a twentieth of the common timeline each. The timeline's bounds, [start, end],
// come with the page (data-msc-timeline), from the engine's one definition of them.
export const BINS = 20;

const dateOf = (row) => row.date ?? "";
const isLater = (a, b) => dateOf(a) > dateOf(b) || (dateOf(a) === dateOf(b) && a.row > b.row);

/** Each pair's latest row (by date, then row number), in the file's order; rows without a pair stay. */
export function latestRows(rows) {
  const latest = new Map();
  for (const row of rows) {
    if (row.pair && (!latest.has(row.pair) || isLater(row, latest.get(row.pair)))) latest.set(row.pair, row);
  }
  return rows.filter((row) => !row.pair || latest.get(row.pair) === row);
}

/** The rows that pass the filters ({framework, stage, flag, level, latest}). */
export function shownRows(rows, { framework, stage = ANY, flag = ANY, level = ANY, latest = false }) {
  return (latest ? latestRows(rows) : rows).filter((row) => {
    const found = row.frameworks[framework];
    if (stage !== ANY && (found?.stage ?? NO_STAGE) !== stage) return false;
    if (level !== ANY && found?.level !== level) return false;
    return flag === ANY || row.flags.some((item) => item.id === flag);
  });
}

/** How many rows are in each of the framework's stages ([ids] in order), then how many in none. */
export function stageCounts(rows, framework, stageIds) {
  const counts = new Map([...stageIds, NO_STAGE].map((id) => [id, 0]));
  for (const row of rows) {
    const stage = row.frameworks[framework]?.stage ?? NO_STAGE;
    counts.set(stage, (counts.get(stage) ?? 0) + 1);
  }
  return [...counts].map(([id, rowsIn]) => ({ id, count: rowsIn }));
}

/** Each flag the rows raise, with how many rows raise it: most first, then by id. */
export function flagCounts(rows) {
  const counts = new Map();
  for (const row of rows) for (const item of row.flags) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
  return [...counts].map(([id, rowsIn]) => ({ id, count: rowsIn }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

/** The rows' positions in the bins of the timeline ([start, end]): {bins: [{from, to, count}], unplaced}. */
export function histogram(rows, [start, end]) {
  const width = (end - start) / BINS;
  const bins = Array.from({ length: BINS }, (_, index) => ({ from: start + index * width, to: start + (index + 1) * width, count: 0 }));
  let unplaced = 0;
  for (const row of rows) {
    if (!row.position) {
      unplaced += 1;
      continue;
    }
    const index = Math.min(bins.length - 1, Math.max(0, Math.floor((row.position.mean - start) / width)));
    bins[index].count += 1;
  }
  return { bins, unplaced };
}

/** The pairs that have not moved for `days` days or more: the longest still first. */
export const stillPairs = (paths, days) =>
  paths.filter((path) => path.still_days >= days)
    .sort((a, b) => b.still_days - a.still_days || a.pair.localeCompare(b.pair));

/** Up to `limit` paths to draw: the still ones first, then the others in the file's order. */
export function pathsToDraw(paths, days, limit) {
  const still = stillPairs(paths, days);
  const others = paths.filter((path) => path.still_days < days);
  return [...still, ...others].slice(0, limit);
}
