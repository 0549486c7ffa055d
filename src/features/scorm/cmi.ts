// The SCORM 1.2 data model's value formats and limits, written by the package (RTE 3.4 of the 1.2 spec):
// session time as CMITimespan, clock time as CMITime, scores as CMIDecimal 0–100, identifiers. Pure: no
// clock of its own (callers pass times), no API calls.

/** cmi.suspend_data is a CMIString4096: an LMS may refuse or cut anything longer. */
export const MAX_SUSPEND_CHARS = 4096;
/** cmi.interactions.n.student_response is a CMIString255 in SCORM 1.2. */
export const MAX_RESPONSE_CHARS = 255;
/** The spec's CMIIdentifier: letters, digits, - and _ (LMSs differ on anything else), at most 255. */
export const IDENTIFIER = /^[A-Za-z0-9_-]{1,255}$/;

const MAX_TIMESPAN_CS = (9999 * 3600 + 59 * 60 + 59) * 100 + 99;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * A duration as CMITimespan `HHHH:MM:SS.SS` (hours zero-padded to four digits, hundredths of a second).
 * Negative or non-finite durations count as zero; beyond 9999 hours the value stops at the format's end.
 */
export function sessionTime(ms: number): string {
  const cs = Number.isFinite(ms) && ms > 0 ? Math.min(Math.floor(ms / 10), MAX_TIMESPAN_CS) : 0;
  const hours = Math.floor(cs / 360_000);
  const minutes = Math.floor((cs % 360_000) / 6000);
  const seconds = Math.floor((cs % 6000) / 100);
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(cs % 100, 2)}`;
}

/** The learner's clock time as CMITime `HH:MM:SS` (cmi.interactions.n.time is a time of day in SCORM 1.2). */
export function clockTime(date: Date): string {
  return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`;
}

/** A 0..1 fraction as the CMIDecimal score 0–100 with at most two decimals (no exponent, no "-0"). */
export function scoreText(fraction: number): string {
  const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const hundredths = Math.round(clamped * 10_000);
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  return rest === 0 ? String(whole) : `${whole}.${pad(rest, 2).replace(/0$/, '')}`;
}

/** A score the LMS returned (`cmi.student_data.mastery_score`, 0–100) as a fraction, or null when unset or unreadable. */
export function parseScore(text: string): number | null {
  if (!/^\d{1,3}(\.\d+)?$/.test(text.trim())) return null;
  const value = Number(text);
  return value >= 0 && value <= 100 ? value / 100 : null;
}
