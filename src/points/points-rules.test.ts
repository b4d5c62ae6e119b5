import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { japanDayStart, parseJapanLocal } from '../lib/japan-time.ts';
import {
  isUsable,
  pointsEarned,
  pointsExpiry,
  pointsSettings,
  restoredPointsExpiry,
} from './points-rules.ts';

/** An instant typed as Japan time, with milliseconds: '2027-06-30T23:59:59.999'. */
function jst(local: string): Date {
  return new Date(`${local}+09:00`);
}

describe('pointsExpiry', () => {
  it('ends at the end of the month one year after earning, Japan time', () => {
    expect(pointsExpiry(jst('2026-06-02T10:00:00.000'))).toEqual(jst('2027-06-30T23:59:59.999'));
    expect(pointsExpiry(parseJapanLocal('2026-06-02T10:00')!).toISOString()).toBe(
      '2027-06-30T14:59:59.999Z',
    );
  });

  it('knows month lengths: earned on the 31st of January ends on the 31st of January', () => {
    expect(pointsExpiry(jst('2026-01-31T12:00:00.000'))).toEqual(jst('2027-01-31T23:59:59.999'));
    expect(pointsExpiry(jst('2026-04-30T12:00:00.000'))).toEqual(jst('2027-04-30T23:59:59.999'));
    expect(pointsExpiry(jst('2026-12-31T23:00:00.000'))).toEqual(jst('2027-12-31T23:59:59.999'));
  });

  it('ends on the 28th of February the year after a leap day', () => {
    expect(pointsExpiry(jst('2028-02-29T09:00:00.000'))).toEqual(jst('2029-02-28T23:59:59.999'));
  });

  it('ends on the 29th of February when the year after is a leap year', () => {
    expect(pointsExpiry(jst('2027-02-01T09:00:00.000'))).toEqual(jst('2028-02-29T23:59:59.999'));
  });

  it('counts the month in Japan time at the midnight boundary', () => {
    // 2026-05-31 15:00 UTC is already 1 June in Tokyo; a millisecond earlier is still 31 May.
    expect(pointsExpiry(japanDayStart('2026-06-01'))).toEqual(jst('2027-06-30T23:59:59.999'));
    expect(pointsExpiry(new Date(japanDayStart('2026-06-01').getTime() - 1))).toEqual(
      jst('2027-05-31T23:59:59.999'),
    );
    expect(pointsExpiry(new Date('2026-05-31T15:00:00Z'))).toEqual(jst('2027-06-30T23:59:59.999'));
  });

  it('keeps points usable through the last millisecond and not after', () => {
    const end = pointsExpiry(jst('2026-06-02T10:00:00.000'));
    expect(isUsable(end, end)).toBe(true);
    expect(isUsable(end, new Date(end.getTime() + 1))).toBe(false);
  });

  it('gives restored points until the end of the next Japanese month', () => {
    expect(restoredPointsExpiry(jst('2027-07-01T00:00:00.000'))).toEqual(
      jst('2027-08-31T23:59:59.999'),
    );
    expect(restoredPointsExpiry(jst('2027-12-31T23:59:59.000'))).toEqual(
      jst('2028-01-31T23:59:59.999'),
    );
  });
});

describe('pointsEarned', () => {
  it('is 1% of the amount paid, rounded down', () => {
    expect(pointsEarned(12_345, 1)).toBe(123);
    expect(pointsEarned(99, 1)).toBe(0);
    expect(pointsEarned(100, 1)).toBe(1);
    expect(pointsEarned(0, 1)).toBe(0);
    expect(pointsEarned(1999, 3)).toBe(59);
  });
});

describe('pointsSettings', () => {
  it('reads the rate and reminder days from the environment, 1% and 30 days by default', () => {
    expect(pointsSettings(parseEnv({}))).toMatchObject({ ratePercent: 1, reminderDays: 30 });
    expect(
      pointsSettings(parseEnv({ POINTS_RATE_PERCENT: '2', POINTS_REMINDER_DAYS: '14' })),
    ).toMatchObject({ ratePercent: 2, reminderDays: 14 });
    expect(() => parseEnv({ POINTS_RATE_PERCENT: '1.5' })).toThrow(/POINTS_RATE_PERCENT/);
  });
});
