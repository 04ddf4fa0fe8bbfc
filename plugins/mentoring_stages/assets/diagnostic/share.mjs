// Share links: the answers, versioned, in the URL fragment (`#v1=<base64url of JSON>`).
//
// The fragment never reaches a server. Anything read from a link is treated as hostile: its size,
// encoding and shape are checked, and only known question and option ids survive.

const VERSION = 1;
const MAX_ANSWERS = 500;
// A character of text takes at most 6 characters of JSON (\u0001), 8 in base64; answers get room too.
const maxFragment = (maxText) => 8 * maxText + 8000;
const KEYS = new Set(["m", "a", "t"]);

/**
 * A link that is ours but cannot be used: `reason` names the page's words that tell the visitor
 * why ("link_damaged", ...), `values` fill them in.
 */
export class ShareError extends Error {
  constructor(reason, values = {}) {
    super(reason);
    this.reason = reason;
    this.values = values;
  }
}

/** The fragment, with its '#', for a state {mode, answers, text}. */
export function encodeShare({ mode, answers, text }) {
  const compact = { m: mode === "description" ? "d" : "q" };
  if (Object.keys(answers).length) compact.a = answers;
  if (text) compact.t = text;
  const bytes = new TextEncoder().encode(JSON.stringify(compact));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const base64 = btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  return `#v${VERSION}=${base64}`;
}

/**
 * Read a fragment (with or without its '#'). Returns null when it is not a share link at all (an
 * ordinary #anchor), else {state, dropped}: `dropped` counts answers to unknown questions or
 * options. `questions` maps each question id to the Set of its option ids; `maxText` is the longest
 * description the engine reads (the model's `max_text_length`).
 * Throws ShareError when the link is ours but too long, of another version, or damaged.
 */
export function decodeShare(fragment, questions, maxText) {
  const raw = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (raw.length > maxFragment(maxText)) {
    throw new ShareError("link_too_long");
  }
  const match = /^v(\d{1,6})=(.*)$/s.exec(raw);
  if (!match) return null;
  if (Number(match[1]) !== VERSION) {
    throw new ShareError("link_other_version", { version: Number(match[1]) });
  }
  const damaged = new ShareError("link_damaged");
  let data;
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(match[2])) throw damaged;
    const binary = atob(match[2].replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw damaged;
  }
  const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isObject(data) || Object.keys(data).some((key) => !KEYS.has(key))) throw damaged;
  const { m = "q", a = {}, t = "" } = data;
  if (!["q", "d"].includes(m) || !isObject(a) || typeof t !== "string") throw damaged;
  if (t.length > maxText || Object.keys(a).length > MAX_ANSWERS) throw damaged;
  const answers = {};
  let dropped = 0;
  for (const [question, option] of Object.entries(a)) {
    if (typeof option === "string" && questions.get(question)?.has(option)) answers[question] = option;
    else dropped += 1;
  }
  return { state: { mode: m === "d" ? "description" : "questions", answers, text: t }, dropped };
}
