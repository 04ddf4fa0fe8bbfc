// Where the cohort's charts put things, as plain numbers in the SVG's own units (its width is the
// width it is drawn at, so its text stays readable on a phone). cohort.mjs draws the shapes. Pure,
// so Node's test runner checks it (tests/js/). `timeline` is the common timeline's [start, end].

const MARGIN = 8;
const BARS_HEIGHT = 120;
const COUNT_SPACE = 14; // above the tallest bar, for its count
const BAND_HEIGHT = 26;
const AXIS_SPACE = 18;
const PATH_ROW = 26;
const LABEL_SHARE = 0.3; // of the width, at most LABEL_MAX, for a path's pair name
const LABEL_MAX = 150;
const CHARACTER = 6.5; // roughly, at the charts' text size: what fits in a band or a label

/** x for a position on the common timeline ([start, end]), between `left` and `right`. */
const scale = (left, right, [start, end]) => (position) =>
  left + ((position - start) / (end - start)) * (right - left);

/** Text cut to fit `room` units, with an ellipsis, or "" when not even a letter fits. */
export function fitted(text, room) {
  const fits = Math.floor(room / CHARACTER);
  if (fits < 2) return "";
  return text.length <= fits ? text : `${text.slice(0, fits - 1)}…`;
}

/**
 * The histogram of positions ({bins, unplaced} from cohort-view's histogram) above the stages of
 * one framework ([{id, name, start, end}]): {width, height, bars, bands, axis}.
 */
export function histogramChart({ bins }, stages, width, timeline) {
  const x = scale(MARGIN, width - MARGIN, timeline);
  const most = Math.max(1, ...bins.map((bin) => bin.count));
  const base = COUNT_SPACE + BARS_HEIGHT;
  const bars = bins.map((bin) => {
    const height = (bin.count / most) * BARS_HEIGHT;
    return {
      x: x(bin.from) + 1,
      width: Math.max(0, x(bin.to) - x(bin.from) - 2),
      y: base - height,
      height,
      count: bin.count,
      from: bin.from,
      to: bin.to,
    };
  });
  const bands = stages.map((stage, index) => ({
    id: stage.id,
    name: stage.name,
    x: x(stage.start),
    width: x(stage.end) - x(stage.start),
    y: base + 2,
    height: BAND_HEIGHT,
    label: fitted(stage.name, x(stage.end) - x(stage.start) - 6),
    tone: index % 2,
  }));
  return {
    width,
    height: base + 2 + BAND_HEIGHT + AXIS_SPACE,
    base,
    bars,
    bands,
    axis: { y: base + 2 + BAND_HEIGHT + AXIS_SPACE - 4, start: MARGIN, end: width - MARGIN },
  };
}

/**
 * Each pair's path (from batch.pair_paths) on a row of its own: {width, height, rows}, a row being
 * {pair, label, y, still, points: [{x, date, position}]}. `still` names the pairs to mark.
 */
export function pathsChart(paths, stillNames, width, timeline) {
  const labelWidth = Math.min(LABEL_MAX, Math.round(width * LABEL_SHARE));
  const x = scale(labelWidth + MARGIN, width - MARGIN, timeline);
  const rows = paths.map((path, index) => ({
    pair: path.pair,
    label: fitted(path.pair, labelWidth - MARGIN),
    y: PATH_ROW * index + PATH_ROW / 2,
    still: stillNames.has(path.pair),
    points: path.points.map((point) => ({ x: x(point.position), date: point.date, position: point.position })),
  }));
  return {
    width,
    height: Math.max(PATH_ROW, PATH_ROW * paths.length),
    track: { start: x(timeline[0]), end: x(timeline[1]) },
    rows,
  };
}
