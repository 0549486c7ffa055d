// The value formats a SCORM 1.2 LMS accepts: CMITimespan, CMITime, CMIDecimal scores.
import { describe, expect, it } from 'vitest';
import { clockTime, parseScore, scoreText, sessionTime } from '@/features/scorm/cmi';

describe('cmi formats', () => {
  it('writes session time as HHHH:MM:SS.SS', () => {
    expect(sessionTime(0)).toBe('0000:00:00.00');
    expect(sessionTime(1234)).toBe('0000:00:01.23');
    expect(sessionTime(((2 * 60 + 3) * 60 + 4) * 1000 + 560)).toBe('0002:03:04.56');
    expect(sessionTime(-5)).toBe('0000:00:00.00');
    expect(sessionTime(Number.NaN)).toBe('0000:00:00.00');
    expect(sessionTime(1e15)).toBe('9999:59:59.99');
    for (const ms of [0, 999, 59_999, 3_600_000, 86_399_990]) expect(sessionTime(ms)).toMatch(/^\d{4}:[0-5]\d:[0-5]\d\.\d\d$/);
  });

  it('writes clock time as HH:MM:SS', () => {
    expect(clockTime(new Date(2026, 10, 30, 9, 5, 7))).toBe('09:05:07');
  });

  it('writes scores 0–100 with at most two decimals and reads a mastery score', () => {
    expect(scoreText(0)).toBe('0');
    expect(scoreText(1)).toBe('100');
    expect(scoreText(0.87345)).toBe('87.35');
    expect(scoreText(0.805)).toBe('80.5');
    expect(scoreText(2)).toBe('100');
    expect(scoreText(-1)).toBe('0');
    expect(scoreText(Number.NaN)).toBe('0');
    expect(parseScore('80')).toBe(0.8);
    expect(parseScore('')).toBeNull();
    expect(parseScore('abc')).toBeNull();
    expect(parseScore('101')).toBeNull();
  });
});
