// The cohort page: a programme's survey export worked out in the browser, and a mentor's own history.
//
// Imported by loader.mjs only on a page with [data-msc]. The file is read here and handed to the
// worker, where the engine (stage_diagnostic.batch) reads, matches and diagnoses it a chunk at a
// time and writes the results file: nothing is ever sent. The pieces beside it: cohort-client.mjs
// (the worker protocol), cohort-view.mjs and cohort-chart.mjs (what to show, as data), history.mjs
// and storage.mjs (what the browser keeps, when asked), ics.mjs (the reminder). Every word it adds
// is the site's language: its own come with the page (data-msc-words, `cohortWords`), the status
// block's are the diagnostic's (data-msd-words), and the rest come with the model, which the worker
// fetched and handed over (runtime.model): the engine's messages about the file, the results file's
// column headings, stage, level and flag names.
import { histogramChart, pathsChart } from "./cohort-chart.mjs";
import { batchClient } from "./cohort-client.mjs";
import {
  ANY, flagCounts, histogram, NO_STAGE, pathsToDraw, shownRows, stageCounts, stillPairs,
} from "./cohort-view.mjs";
import { historyRows, localDay } from "./history.mjs";
import { addDays, reminderCalendar } from "./ics.mjs";
import { flag as flagWords, frameworkName, levelWord, megabytes, optionLabel, plain, stageName } from "./phrasing.mjs";
import { renderStatus } from "./render.mjs";
import { startRuntime } from "./runtime.mjs";
import { decodeShare } from "./share.mjs";
import { statusView } from "./status.mjs";
import { keeper } from "./storage.mjs";
import { fill } from "./words.mjs";

const SVG = "http://www.w3.org/2000/svg";
const ROWS_SHOWN = 100; // rows of the table at first, and more at each "Show more"
const PATHS_DRAWN = 40;
const STILL_LISTED = 50;
const PROBLEMS_LISTED = 100;
// Each call to the worker is sized to take about this long: progress moves, and the worker stays
// free for other calls between chunks.
const CHUNK_MS = 250;
const FIRST_CHUNK = 25;
const RESIZE_DELAY_MS = 150;

/** An element with text (or children), and attributes set as properties. */
function make(tag, text = "", properties = {}) {
  const element = document.createElement(tag);
  if (Array.isArray(text)) element.append(...text);
  else element.textContent = plain(text);
  return Object.assign(element, properties);
}

function shape(tag, attributes = {}, text = "") {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text) element.textContent = plain(text);
  return element;
}

/** Save `text` as a file called `name`: a Blob made here, so nothing is sent. */
function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = make("a", "", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Bring one cohort element to life; return a function that lets go of it (page left). */
export function mount(root) {
  const $ = (selector) => root.querySelector(selector);
  const cleanups = [];
  const on = (target, type, handler) => {
    target.addEventListener(type, handler);
    cleanups.push(() => target.removeEventListener(type, handler));
  };
  const words = JSON.parse(root.dataset.msdWords);
  const cohortWords = JSON.parse(root.dataset.mscWords);
  const timeline = JSON.parse(root.dataset.mscTimeline); // [start, end] of the common timeline
  const locale = document.documentElement.lang || undefined;
  /** 12345 -> "12,345" in the page's language, not the browser's. */
  const count = (n) => Number(n).toLocaleString(locale);
  $("[data-msd-stuck]").remove();
  const store = keeper(() => window.localStorage, () => {
    $("[data-msc-own-message]").textContent = words.storage_refused;
  });
  const stages = [...$("[data-msc-stages]").content.querySelectorAll("span")].map((span) => ({
    framework: span.dataset.framework, id: span.dataset.stage, name: span.textContent,
    start: Number(span.dataset.start), end: Number(span.dataset.end),
  }));
  const stagesOf = (framework) => stages.filter((stage) => stage.framework === framework);
  const diagnosticUrl = new URL(root.dataset.mscDiagnostic, location.href).href;

  const runtime = startRuntime(root);
  const client = runtime.worker ? batchClient(runtime.worker) : null;
  cleanups.push(() => client?.stop());
  let model = null; // the compiled model, once the worker has handed it over
  /** The model, as soon as the worker has it; never, if it cannot load it (the status says so). */
  const modelArrived = () => new Promise((resolve) => {
    const check = () => {
      if (!runtime.model) return false;
      model = runtime.model;
      resolve(model);
      return true;
    };
    if (check()) return;
    const wait = () => { if (check()) runtime.events.removeEventListener("change", wait); };
    on(runtime.events, "change", wait);
  });

  let file = null; // {name, bytes} of the export chosen
  let summary = null; // the engine's summary of the file
  let rows = []; // every row's result, in the file's order
  let paths = []; // pairs over time
  let tableRows = ROWS_SHOWN;
  let generation = 0; // the latest file or matching; an older one's answers are dropped

  // -- the runtime ---------------------------------------------------------------------------------

  function showStatus() {
    const view = statusView(runtime, Boolean(file), words);
    if (view.state === "ready") view.text = cohortWords.ready;
    renderStatus(root, view);
    if (runtime.stage === "ready" && !runtime.failure) client?.start();
  }
  on(runtime.events, "change", showStatus);
  showStatus();

  const setState = (state) => { root.dataset.mscState = state; };
  const work = (text) => { $("[data-msc-work]").textContent = text; };
  function showError(text) {
    const error = $("[data-msc-error]");
    error.textContent = text;
    error.hidden = !text;
    if (text) setState("failed");
  }

  // -- a file: open, match, diagnose ---------------------------------------------------------------

  on($("[data-msc-file]"), "change", async (event) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    const asked = ++generation;
    showError("");
    $("[data-msc-results]").hidden = true;
    $("[data-msc-matching]").hidden = true;
    const limit = Number(root.dataset.mscMaxBytes);
    if (chosen.size > limit) {
      showError(fill(cohortWords.too_large, { size: megabytes(chosen.size, words.decimal_mark), limit: megabytes(limit, words.decimal_mark) }));
      return;
    }
    setState("reading");
    work(fill(cohortWords.reading, { name: chosen.name }));
    try {
      file = { name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) };
    } catch {
      showError(cohortWords.unreadable);
      return;
    }
    if (asked !== generation) return;
    if (!client || runtime.failure || runtime.stage !== "ready") work(cohortWords.starting);
    open(store.matches(), asked);
  });

  async function open(matches, asked) {
    const answer = await client?.call({ op: "open", matches, today: localDay() }, file.bytes);
    if (!answer || asked !== generation) return;
    if (answer.error) {
      work("");
      showError(fill(cohortWords.engine_failed, { message: answer.error.message }));
      return;
    }
    summary = answer.file;
    if (summary.needs_matching) {
      showMatching(matches);
      return;
    }
    $("[data-msc-matching]").hidden = true;
    diagnose(asked);
  }

  async function diagnose(asked) {
    setState("working");
    rows = [];
    paths = [];
    const progress = $("[data-msc-progress]");
    progress.hidden = false;
    progress.max = summary.rows;
    progress.value = 0;
    const began = performance.now();
    let size = FIRST_CHUNK;
    for (;;) {
      const sent = performance.now();
      const answer = await client.call({ op: "next", count: size });
      if (!answer || asked !== generation) return;
      if (answer.error) {
        showError(fill(cohortWords.engine_failed, { message: answer.error.message }));
        return;
      }
      rows.push(...answer.rows);
      progress.value = answer.done;
      work(fill(cohortWords.progress, { done: count(answer.done), total: count(answer.total) }));
      if (answer.pairs) {
        paths = answer.pairs;
        break;
      }
      size = Math.max(1, Math.round(size * CHUNK_MS / Math.max(1, performance.now() - sent)));
    }
    progress.hidden = true;
    const seconds = ((performance.now() - began) / 1000).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    work(fill(cohortWords.finished, { total: count(rows.length), seconds }));
    await modelArrived(); // here already: the engine that worked out the rows had it first
    if (asked !== generation) return;
    tableRows = ROWS_SHOWN;
    showFilters();
    showResults();
    setState("done");
  }

  // -- matching the columns, asked once ------------------------------------------------------------

  function showMatching(matches) {
    setState("matching");
    work(cohortWords.needs_matching);
    $("[data-msc-blocking]").replaceChildren(...summary.blocking.map((problem) => make("li", problem.message)));
    const targets = $("[data-msc-targets]").content;
    $("[data-msc-matching-rows]").replaceChildren(...summary.columns.filter((column) => column.header).map((column) => {
      const select = make("select", "", { ariaLabel: column.header });
      select.dataset.mscKey = column.key;
      select.append(targets.cloneNode(true));
      select.value = matches[column.key] ?? column.target ?? "ignore";
      return make("tr", [make("td", column.column), make("td", column.header), make("td", [select])]);
    }));
    $("[data-msc-remember]").checked = Object.keys(store.matches()).length > 0;
    const section = $("[data-msc-matching]");
    section.hidden = false;
    section.querySelector("h2").tabIndex = -1;
    section.querySelector("h2").focus();
  }

  on($("[data-msc-apply]"), "click", () => {
    if (!file) return;
    const matches = Object.fromEntries([...root.querySelectorAll("[data-msc-key]")]
      .map((select) => [select.dataset.mscKey, select.value]));
    const status = $("[data-msc-matching-status]");
    if ($("[data-msc-remember]").checked) {
      store.keepMatches({ ...store.matches(), ...matches });
      status.textContent = cohortWords.matches_remembered;
      showRemembered();
    } else {
      status.textContent = cohortWords.matches_applied;
    }
    open(matches, ++generation);
  });
  const showRemembered = () => {
    $("[data-msc-remembered]").hidden = Object.keys(store.matches()).length === 0;
  };
  on($("[data-msc-forget-matches]"), "click", () => {
    store.forgetMatches();
    $("[data-msc-remember]").checked = false;
    showRemembered();
    work(cohortWords.matches_forgotten);
  });
  showRemembered();

  // -- the results ---------------------------------------------------------------------------------

  const frameworkPicker = $("[data-msc-framework]");
  const filter = (name) => $(`[data-msc-filter='${name}']`);
  const framework = () => frameworkPicker.value;

  function options(select, choices) {
    const kept = select.value;
    select.replaceChildren(...choices.map(([value, text]) => make("option", text, { value })));
    select.value = choices.some(([value]) => value === kept) ? kept : ANY;
  }

  function showFilters() {
    options(filter("stage"), [[ANY, cohortWords.any_stage],
      ...stagesOf(framework()).map((stage) => [stage.id, stage.name]), [NO_STAGE, cohortWords.no_stage]]);
    options(filter("flag"), [[ANY, cohortWords.any_flag],
      ...flagCounts(rows).map(({ id }) => [id, flagWords(model, { id })?.title ?? id])]);
  }

  const currentRows = () => shownRows(rows, {
    framework: framework(),
    stage: filter("stage").value,
    flag: filter("flag").value,
    level: filter("level").value,
    latest: $("[data-msc-latest]").checked,
  });

  function showResults() {
    $("[data-msc-results]").hidden = false; // first: the charts are drawn at its width
    const shown = currentRows();
    const pairs = new Set(rows.filter((row) => row.pair).map((row) => row.pair)).size;
    const withProblems = rows.filter((row) => row.problems.length).length;
    $("[data-msc-summary]").textContent = [
      pairs ? fill(cohortWords.summary_rows_pairs, { rows: count(rows.length), pairs: count(pairs) })
        : fill(cohortWords.summary_rows, { rows: count(rows.length) }),
      withProblems ? fill(cohortWords.summary_problems, { count: count(withProblems) }) : cohortWords.summary_clean,
    ].join(" ");
    $("[data-msc-notices]").replaceChildren(...summary.notices.map((notice) => make("li", notice.message)));
    const problems = rows.flatMap((row) => row.problems);
    $("[data-msc-problems]").hidden = problems.length === 0;
    $("[data-msc-problem-list]").replaceChildren(...problems.slice(0, PROBLEMS_LISTED).map((problem) => make("li", problem.message)));
    $("[data-msc-problems-more]").textContent = problems.length > PROBLEMS_LISTED
      ? fill(cohortWords.problems_more, { count: count(problems.length - PROBLEMS_LISTED), column: model.words.batch_heading_problems })
      : "";
    $("[data-msc-shown]").textContent = fill(cohortWords.shown, { shown: count(shown.length), total: count(rows.length) });
    drawHistogram(shown);
    countTable($("[data-msc-stage-counts] tbody"), stageCounts(shown, framework(), stagesOf(framework()).map((s) => s.id))
      .map(({ id, count: rowsIn }) => [id === NO_STAGE ? levelWord(model, "none") : stageName(model, framework(), id), rowsIn]));
    const flags = flagCounts(shown);
    $("[data-msc-flag-none]").hidden = flags.length > 0;
    $("[data-msc-flag-counts]").hidden = flags.length === 0;
    countTable($("[data-msc-flag-counts] tbody"), flags.map(({ id, count: rowsIn }) => [flagWords(model, { id })?.title ?? id, rowsIn]));
    showPaths();
    showTable(shown);
    const chosen = [frameworkPicker, filter("stage"), filter("flag"), filter("level")]
      .map((select) => select.selectedOptions[0]?.textContent ?? "");
    const [frameworkChosen, stageChosen, flagChosen, levelChosen] = chosen;
    $("[data-msc-print-meta]").textContent = fill(cohortWords.printed, {
      date: new Date().toLocaleDateString(locale, { dateStyle: "long" }), file: file.name,
      framework: frameworkChosen, stage: stageChosen, flag: flagChosen, level: levelChosen,
      shown: $("[data-msc-shown]").textContent,
    });
  }

  function countTable(body, entries) {
    body.replaceChildren(...entries.map(([name, rowsIn]) => make("tr", [make("th", name, { scope: "row" }), make("td", count(rowsIn))])));
  }

  // As wide as the section it is in (a figure shrinks to its content).
  const chartWidth = (svg) => Math.max(280, Math.round(svg.closest("section").clientWidth || 640));

  function drawHistogram(shown) {
    const svg = $("[data-msc-chart]");
    const spread = histogram(shown, timeline);
    const chart = histogramChart(spread, stagesOf(framework()), chartWidth(svg), timeline);
    svg.setAttribute("viewBox", `0 0 ${chart.width} ${chart.height}`);
    svg.setAttribute("width", chart.width);
    svg.setAttribute("height", chart.height);
    svg.replaceChildren(
      ...chart.bands.flatMap((band) => [
        shape("rect", { x: band.x, y: band.y, width: band.width, height: band.height, class: `msc-band msc-band-${band.tone}` }),
        shape("text", { x: band.x + band.width / 2, y: band.y + band.height / 2 + 4, class: "msc-band-label", "text-anchor": "middle" }, band.label),
      ]),
      ...chart.bars.filter((bar) => bar.count).flatMap((bar) => [
        shape("rect", { x: bar.x, y: bar.y, width: bar.width, height: bar.height, class: "msc-bar", "data-count": bar.count }),
        shape("text", { x: bar.x + bar.width / 2, y: bar.y - 3, class: "msc-count", "text-anchor": "middle" }, count(bar.count)),
      ]),
      shape("line", { x1: chart.axis.start, x2: chart.axis.end, y1: chart.base, y2: chart.base, class: "msc-axis" }),
      shape("text", { x: chart.axis.start, y: chart.axis.y, class: "msc-axis-label" }, cohortWords.timeline_start),
      shape("text", { x: chart.axis.end, y: chart.axis.y, class: "msc-axis-label", "text-anchor": "end" }, cohortWords.timeline_end),
    );
    const caption = fill(cohortWords.chart_caption, {
      framework: frameworkName(model, framework()), placed: count(shown.length - spread.unplaced),
    });
    $("[data-msc-chart-caption]").textContent = spread.unplaced
      ? `${caption} ${fill(cohortWords.chart_unplaced, { count: count(spread.unplaced) })}` : caption;
  }

  function drawPath(svg, drawn, stillNames) {
    const chart = pathsChart(drawn, stillNames, chartWidth(svg), timeline);
    svg.setAttribute("viewBox", `0 0 ${chart.width} ${chart.height}`);
    svg.setAttribute("width", chart.width);
    svg.setAttribute("height", chart.height);
    svg.replaceChildren(...chart.rows.flatMap((row) => {
      const first = row.points[0];
      const last = row.points.at(-1);
      return [
        shape("line", { x1: chart.track.start, x2: chart.track.end, y1: row.y, y2: row.y, class: "msc-track" }),
        shape("text", { x: 0, y: row.y + 4, class: "msc-pair-label" }, row.label),
        shape("polyline", { points: row.points.map((point) => `${point.x},${row.y}`).join(" "), class: row.still ? "msc-path msc-still" : "msc-path", "data-pair": row.pair }),
        shape("circle", { cx: first.x, cy: row.y, r: 4, class: "msc-from" }),
        shape("circle", { cx: last.x, cy: row.y, r: 5, class: row.still ? "msc-to msc-still" : "msc-to", "data-pair": row.pair }),
      ];
    }));
  }

  function showPaths() {
    const days = Math.max(1, Number($("[data-msc-still]").value) || 1);
    const still = stillPairs(paths, days);
    $("[data-msc-paths-summary]").textContent = paths.length
      ? fill(cohortWords.paths_summary, { pairs: count(paths.length), still: count(still.length), days: count(days) })
      : cohortWords.paths_none;
    const drawn = pathsToDraw(paths, days, PATHS_DRAWN);
    $("[data-msc-paths-figure]").hidden = drawn.length === 0;
    if (drawn.length) {
      drawPath($("[data-msc-paths]"), drawn, new Set(still.map((path) => path.pair)));
      $("[data-msc-paths-caption]").textContent = drawn.length < paths.length
        ? fill(cohortWords.paths_caption_some, { shown: count(drawn.length), total: count(paths.length) })
        : cohortWords.paths_caption;
    }
    $("[data-msc-still-table]").hidden = still.length === 0;
    $("[data-msc-still-rows]").replaceChildren(...still.slice(0, STILL_LISTED).map((path) => make("tr", [
      make("th", path.pair, { scope: "row" }), make("td", String(Math.round(path.points.at(-1).position))),
      make("td", path.still_since), make("td", count(path.still_days)),
    ])));
    $("[data-msc-still-more]").textContent = still.length > STILL_LISTED
      ? fill(cohortWords.still_more, { count: count(still.length - STILL_LISTED) }) : "";
  }

  const evidence = (item) => (item.quote
    ? fill(model.words.quote, { text: item.quote })
    : optionLabel(model, item.question, item.option));

  function flagCell(row) {
    return make("td", row.flags.length ? [make("ul", row.flags.map((item) => {
      const said = `${flagWords(model, item)?.title ?? item.id}: ${item.evidence.map(evidence).join("; ")}`;
      return make("li", item.status === "confirm" ? fill(cohortWords.to_confirm, { flag: said }) : said);
    }))] : "");
  }

  function stageCell(row, id) {
    const found = row.frameworks[id];
    return found?.stage
      ? make("td", stageName(model, id, found.stage))
      : make("td", levelWord(model, "none"), { className: "msd-none" });
  }

  function showTable(shown) {
    const every = $("[data-msc-every]").checked;
    const others = every ? model.frameworks.map((item) => item.id).filter((id) => id !== framework()) : [];
    // The results file's headings, so that the table and the download agree.
    $("[data-msc-rows-head]").replaceChildren(make("tr", [
      model.words.batch_heading_row, model.words.batch_heading_pair, model.words.batch_heading_date,
      `${model.words.batch_heading_stage} (${frameworkName(model, framework())})`, model.words.batch_heading_level,
      ...others.map((id) => frameworkName(model, id)), cohortWords.column_flags, model.words.batch_heading_problems,
    ].map((text) => make("th", text, { scope: "col" }))));
    $("[data-msc-rows-body]").replaceChildren(...shown.slice(0, tableRows).map((row) => {
      const tr = make("tr", [
        make("td", String(row.row)), make("td", row.pair), make("td", row.date ?? ""),
        stageCell(row, framework()), make("td", levelWord(model, row.frameworks[framework()].level)),
        ...others.map((id) => stageCell(row, id)),
        flagCell(row), make("td", row.problems.map((problem) => problem.message).join(" ")),
      ]);
      tr.dataset.mscRow = row.row;
      return tr;
    }));
    const more = $("[data-msc-more]");
    more.hidden = shown.length <= tableRows;
    more.textContent = fill(cohortWords.more, { count: count(shown.length - tableRows) });
  }

  on(frameworkPicker, "change", () => {
    if (rows.length) { showFilters(); showResults(); }
    showOwn();
  });
  for (const element of root.querySelectorAll("[data-msc-filter], [data-msc-every], [data-msc-latest]")) {
    on(element, "change", () => { if (rows.length) { tableRows = ROWS_SHOWN; showResults(); } });
  }
  on($("[data-msc-still]"), "input", () => { if (rows.length) showPaths(); });
  on($("[data-msc-more]"), "click", () => {
    tableRows += ROWS_SHOWN;
    showTable(currentRows());
  });
  let resizeTimer = 0;
  on(window, "resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (rows.length) { drawHistogram(currentRows()); showPaths(); }
      showOwn();
    }, RESIZE_DELAY_MS);
  });
  cleanups.push(() => clearTimeout(resizeTimer));

  // -- downloads and the printed report ------------------------------------------------------------

  for (const button of root.querySelectorAll("[data-msc-download]")) {
    on(button, "click", async () => {
      const format = button.dataset.mscDownload;
      const answer = await client.call({ op: "export", format, framework: framework() });
      if (!answer?.text) {
        showError(fill(cohortWords.engine_failed, { message: answer?.error?.message ?? "" }));
        return;
      }
      const name = fill(cohortWords.results_file, { name: file.name.replace(/\.[^.]*$/, ""), format });
      download(answer.text, name, format === "csv" ? "text/csv;charset=utf-8" : "application/json");
      $("[data-msc-download-status]").textContent = fill(cohortWords.downloaded, { name });
    });
  }
  on($("[data-msc-print]"), "click", () => window.print());

  // -- a mentor's own history ----------------------------------------------------------------------

  let ownRows = []; // the history as the engine reads it
  let own = null; // {results, path} once worked out

  async function showOwn() {
    const entries = store.history();
    const status = $("[data-msc-own-status]");
    $("[data-msc-own-actions]").hidden = entries.length === 0;
    if (!entries.length) {
      status.textContent = words.remember_off;
      $("[data-msc-own-figure]").hidden = true;
      $("[data-msc-own-list]").replaceChildren();
      return;
    }
    status.textContent = fill(cohortWords.own_some, { count: count(entries.length) });
    if (!client) return;
    await modelArrived();
    if (!own) {
      const questions = new Map(model.questions.map((q) => [q.id, new Set(q.options.map((o) => o.id))]));
      const decode = (fragment) => {
        try {
          return decodeShare(fragment, questions, model.max_text_length)?.state ?? null;
        } catch {
          return null; // damaged: left out
        }
      };
      ownRows = historyRows(entries, decode, cohortWords.own_pair);
      const opened = await client.call({ op: "open", session: "own", entries: ownRows, today: localDay() });
      const answer = opened?.file && await client.call({ op: "next", session: "own", count: ownRows.length || 1 });
      if (!answer?.rows) return;
      own = { results: answer.rows, path: answer.pairs?.[0] ?? null };
    }
    const shownIn = framework();
    $("[data-msc-own-list]").replaceChildren(...own.results.map((result) => {
      const found = result.frameworks[shownIn];
      const stage = found?.stage ? stageName(model, shownIn, found.stage) : levelWord(model, "none");
      return make("li", fill(cohortWords.own_entry, { date: result.date ?? "", stage, framework: frameworkName(model, shownIn) }));
    }));
    $("[data-msc-own-figure]").hidden = !own.path;
    if (own.path) {
      drawPath($("[data-msc-own-path]"), [own.path], new Set());
      $("[data-msc-own-caption]").textContent = cohortWords.own_caption;
    }
  }

  on($("[data-msc-own-export]"), "click", async () => {
    const answer = await client?.call({ op: "answers-csv", entries: ownRows });
    if (answer?.text) download(answer.text, cohortWords.own_export_name, "text/csv;charset=utf-8");
  });
  on($("[data-msc-own-forget]"), "click", () => {
    store.forgetHistory();
    own = null;
    ownRows = [];
    showOwn();
    $("[data-msc-own-message]").textContent = cohortWords.own_forgotten;
  });
  on($("[data-msc-remind-download]"), "click", () => {
    const day = addDays(localDay(), Number($("[data-msc-remind]").value));
    download(reminderCalendar({
      day,
      title: cohortWords.reminder_title,
      text: fill(cohortWords.reminder_text, { url: diagnosticUrl }),
      url: diagnosticUrl,
      uid: `${crypto.randomUUID?.() ?? Date.now()}@mentoring-stages`,
      stamp: new Date(),
    }), cohortWords.reminder_name, "text/calendar;charset=utf-8");
    $("[data-msc-own-message]").textContent = fill(cohortWords.reminder_made, { date: day });
  });

  setState("idle");
  showOwn();

  return () => {
    generation += 1;
    for (const cleanup of cleanups) cleanup();
  };
}
