import { describe, expect, it } from 'vitest';
import {
  formatJapanTime,
  isCalendarDay,
  japanDayEnd,
  japanDayStart,
  parseJapanLocal,
  toJapanLocal,
} from './japan-time.ts';

describe('Japan time for staff', () => {
  it('starts a Japanese day nine hours before midnight UTC', () => {
    expect(japanDayStart('2026-11-26').toISOString()).toBe('2026-11-25T15:00:00.000Z');
    expect(japanDayEnd('2026-11-26').toISOString()).toBe('2026-11-26T15:00:00.000Z');
  });

  it('refuses days that are not on the calendar', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('yesterday')).toBe(false);
  });

  it('round-trips a datetime-local value typed in Japan time', () => {
    const date = parseJapanLocal('2026-12-31T23:59');
    expect(date?.toISOString()).toBe('2026-12-31T14:59:00.000Z');
    expect(toJapanLocal(date!)).toBe('2026-12-31T23:59');
    expect(formatJapanTime(date!)).toBe('2026-12-31 23:59');
    expect(parseJapanLocal('2026-12-31T24:00')).toBeNull();
    expect(parseJapanLocal('2026-12-31')).toBeNull();
  });
});
