// Filling the site's words: a sentence names what goes into it as `{name}` (the plugin's language
// files; stage_diagnostic/words.py does the same in Python). Pure, so Node's test runner checks it.

const PLACEHOLDER = /\{(\w+)\}/g;

/** `sentence` with each `{name}` replaced by `values[name]`; a name without a value stays as it is. */
export const fill = (sentence, values = {}) =>
  String(sentence).replace(PLACEHOLDER, (whole, name) => (name in values ? String(values[name]) : whole));

/**
 * The sentence as a list of pieces: text, and the values as they are where a `{name}` stands, so a
 * link or an element can sit inside a translated sentence wherever its language puts it.
 */
export function parts(sentence, values = {}) {
  const pieces = [];
  let last = 0;
  for (const found of String(sentence).matchAll(PLACEHOLDER)) {
    if (!(found[1] in values)) continue;
    pieces.push(sentence.slice(last, found.index), values[found[1]]);
    last = found.index + found[0].length;
  }
  pieces.push(sentence.slice(last));
  return pieces.filter((piece) => piece !== "");
}

/** "a, b and c" in the words' own way of listing (`list_separator`, `list_pair`). */
export function listed(words, items) {
  if (items.length < 2) return items.join("");
  return fill(words.list_pair, { first: items.slice(0, -1).join(words.list_separator), second: items.at(-1) });
}

/** `{key}_one` or `{key}_other` for `count`, in the page's language ("1 question", "2 questions"). */
export function counted(words, key, count, locale) {
  const form = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
  return fill(words[`${key}_${form}`], { count });
}
