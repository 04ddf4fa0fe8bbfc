// Every word the cohort page adds while it works, in one place (the page's fixed text is in its
// template, the model's words come from the model, and the engine's messages about a file from
// stage_diagnostic.batch). Functions take numbers already formatted by `count`.

/** 12345 -> "12,345" (the page's language, not the browser's, writes its numbers). */
export const count = (n) => Number(n).toLocaleString("en-GB");

export const STRINGS = {
  ready: "Ready. Choose a file: it is read on this computer and never sent anywhere.",
  starting: "The diagnostic is starting; your file is worked out as soon as it is ready.",
  reading: (name) => `Reading ${name}…`,
  tooLarge: (mb, limit) =>
    `This file is ${mb} MB; this page reads files of up to ${limit} MB. Split it into smaller files, or use the terminal command (stage-diagnostic --batch), which has no limit.`,
  unreadable: "The file could not be read from this computer. Choose it again.",
  engineFailed: (message) => `The diagnostic could not work this file out: ${message}`,
  progress: (done, total) => `Working out the stages: ${done} of ${total} rows…`,
  finished: (total, seconds) => `All ${total} rows worked out in ${seconds} s, on this computer.`,
  summary: ({ rows, pairs, problems }) =>
    `Rows: ${rows}${pairs ? `; pairs: ${pairs}` : ""}. ${problems ? `Rows with a problem: ${problems}, listed below; the rest of each of those rows was worked out.` : "Every row was read as it is."}`,
  problemsMore: (more) => `…and ${more} more, each in the results file's Problems column.`,
  needsMatching: "Some columns need matching before the rows can be worked out.",
  matchesApplied: "Matched. The rows are being worked out.",
  matchesRemembered: "These matches are remembered in this browser for your next export.",
  matchesForgotten: "No matches are remembered in this browser.",
  anyStage: "any stage",
  noStage: "not enough to tell yet",
  anyFlag: "any flag",
  shown: (shown, total) => `Showing ${shown} of ${total} rows.`,
  chartCaption: (framework, placed, unplaced) =>
    `Where the rows shown sit on the common timeline (from the first meeting, 0, to after the formal end, 100), with the stages of ${framework} beneath. Rows placed: ${placed}.${unplaced ? ` Rows that say too little to place: ${unplaced}.` : ""}`,
  timelineStart: "first meeting (0)",
  timelineEnd: "after the formal end (100)",
  stageCount: "Rows",
  pathsNone: "No pair has two dated rows yet: with a date column and a pair column, a pair's rows from two surveys show its path here.",
  pathsSummary: (pairs, still, days) =>
    `Pairs with two dated rows or more: ${pairs}. Of them, not moved for ${days} days or more: ${still}.`,
  pathsCaption: (shown, total) =>
    `Each pair's path along the common timeline, from its first row (open circle) to its latest (filled)${shown < total ? `: ${shown} of ${total} pairs, those that have not moved first` : ""}.`,
  stillMore: (more) => `…and ${more} more: a longer time narrows the list.`,
  columns: {
    row: "Row", pair: "Pair", date: "Date", stage: "Stage", level: "Level", flags: "Flags",
    problems: "Problems",
  },
  more: (left) => `Show more rows (${left} left)`,
  evidenceQuote: (quote) => `“${quote}”`,
  toConfirm: "to confirm",
  downloaded: (name) => `${name} was made on this computer and saved by your browser.`,
  printedOn: (day, file, [framework, stage, flag, level], shown) =>
    `Printed on ${day}. File: ${file}. ${framework}; ${stage}, ${flag}, ${level}. ${shown}`,
  ownNone: "Nothing is kept in this browser.",
  ownSome: (n) => `This browser keeps your answers of ${n} days.`,
  ownPair: "You",
  ownCaption: "How your relationship has moved along the common timeline, from your first kept answers (open circle) to your latest (filled).",
  ownEntry: (day, stage) => `${day}: ${stage}`,
  ownForgotten: "Forgotten: this browser keeps nothing of your answers now.",
  ownExportName: "my-mentoring-history.csv",
  reminderTitle: "Take the mentoring stage diagnostic again",
  reminderText: (url) => `See where your mentoring relationship is now, and how it has moved: ${url}`,
  reminderName: "mentoring-diagnostic-reminder.ics",
  reminderMade: (day) => `A reminder for ${day}, made on this computer; open it with your calendar.`,
  refused: "This browser does not let the page keep anything.",
};
