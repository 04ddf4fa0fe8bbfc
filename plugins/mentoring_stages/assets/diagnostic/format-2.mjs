// TEMPORARY, until the engine answers in result format 3 (the `engine` branch): a result of the
// engine before it, brought to format 3, so that the page is written for format 3 alone. The rule
// for the headline is format 3's (/work/briefs/result-format-3.md), and no flag can be confirmed
// because none says what it was read from. When every result has `headline`, delete this module,
// its import in diagnostic.mjs and tests/js/fixtures.mjs, the words' `wording_weighed`, and send
// the `framework` in the request instead (form.mjs, requestFor).

/** `result` in format 3: as it is when it has a headline, else upgraded. */
export function asFormat3(result, framework = null) {
  if (!result || result.error || "headline" in result) return result;
  const ids = Object.keys(result.frameworks);
  const chosen = result.frameworks[framework] ? framework
    : ids.includes("clutterbuck") ? "clutterbuck" : ids.find((id) => result.frameworks[id].stage);
  const top = chosen ? result.frameworks[chosen] : null;
  const headline = top?.stage ? { framework: chosen, stage: top.stage, level: top.level } : null;
  const upgraded = {
    ...result,
    evidence: result.evidence.map((item) => ({ ...item, from: item.from === "answer" ? "given" : item.from })),
    headline,
    level: headline?.level ?? "none",
    frameworks: Object.fromEntries(Object.entries(result.frameworks).map(([id, item]) => [id, { ...item, apart: null }])),
    flags: result.flags.map((flag) => ({ ...flag, status: "raised", evidence: [] })),
    wording: result.wording && { quotes: result.wording.quotes }, // no "stage": not said before
  };
  if (result.comparison) {
    upgraded.comparison = { ...result.comparison, partner: asFormat3(result.comparison.partner, framework) };
  }
  return upgraded;
}
