// A calendar file (iCalendar, RFC 5545) with one all-day event: the reminder to take the diagnostic
// again, made in the browser. Pure, so Node's test runner checks it (tests/js/).

const CRLF = "\r\n";
const LINE_OCTETS = 75; // longer content lines are folded (RFC 5545, 3.1)

/** Text as a property value: backslash, semicolon, comma and newlines escaped (3.3.11). */
export const escapeText = (text) =>
  String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** A content line folded at 75 octets of UTF-8, never inside a character. */
export function fold(line) {
  const encoder = new TextEncoder();
  const parts = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const room = parts.length ? LINE_OCTETS - 1 : LINE_OCTETS; // a continuation starts with a space
    if (octets + size > room) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const compactDay = (day) => day.replaceAll("-", "");

/** The day `days` after `day` (both YYYY-MM-DD, calendar days). */
export function addDays(day, days) {
  const when = new Date(`${day}T00:00:00Z`);
  when.setUTCDate(when.getUTCDate() + days);
  return when.toISOString().slice(0, 10);
}

/**
 * The calendar file for a reminder on `day` (YYYY-MM-DD, all day), with `title` and `text`; `uid`
 * makes it one event however often it is imported, `stamp` is when it was made (a Date).
 */
export function reminderCalendar({ day, title, text, url, uid, stamp }) {
  const utc = stamp.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Mentoring Stages//Diagnostic reminder//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${utc}`,
    `DTSTART;VALUE=DATE:${compactDay(day)}`,
    `DTEND;VALUE=DATE:${compactDay(addDays(day, 1))}`,
    `SUMMARY:${escapeText(title)}`,
    `DESCRIPTION:${escapeText(text)}`,
    ...(url ? [`URL:${url}`] : []),
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join(CRLF) + CRLF;
}
