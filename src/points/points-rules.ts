import type { Env } from '../env.ts';
import { japanMonthEnd } from '../lib/japan-time.ts';

/** The points programme's settings, read once from the environment (defaults in env.ts). */
export interface PointsSettings {
  /** Points per 100 yen paid by card or PayPal, rounded down. */
  ratePercent: number;
  /** Points stay usable until the end of the Japanese month this many months after earning. */
  validMonths: number;
  /** A lot given back after its own expiry passed stays usable until the end of the next month. */
  restoredValidMonths: number;
  /** The reminder mail goes out this many days before a lot expires. */
  reminderDays: number;
}

export function pointsSettings(
  env: Pick<Env, 'POINTS_RATE_PERCENT' | 'POINTS_REMINDER_DAYS'>,
): PointsSettings {
  return {
    ratePercent: env.POINTS_RATE_PERCENT,
    validMonths: 12,
    restoredValidMonths: 1,
    reminderDays: env.POINTS_REMINDER_DAYS,
  };
}

/** The settings with every default, for tests and callers without an env. */
export const defaultPointsSettings: PointsSettings = pointsSettings({
  POINTS_RATE_PERCENT: 1,
  POINTS_REMINDER_DAYS: 30,
});

/** The last instant points earned at `earnedAt` may be used: end of the month a year on, Japan time. */
export function pointsExpiry(
  earnedAt: Date,
  validMonths = defaultPointsSettings.validMonths,
): Date {
  return japanMonthEnd(earnedAt, validMonths);
}

/** When points given back after their lot expired run out: the end of the next Japanese month. */
export function restoredPointsExpiry(
  restoredAt: Date,
  validMonths = defaultPointsSettings.restoredValidMonths,
): Date {
  return japanMonthEnd(restoredAt, validMonths);
}

/** Points earned on `paidJpy` paid by card or PayPal, rounded down (integers only: no float drift). */
export function pointsEarned(paidJpy: number, ratePercent: number): number {
  if (!Number.isInteger(paidJpy) || !Number.isInteger(ratePercent)) {
    throw new Error('pointsEarned takes whole yen and a whole percent');
  }
  return paidJpy <= 0 ? 0 : Math.floor((paidJpy * ratePercent) / 100);
}

/** Whether a lot that ends at `expiresAt` can still be spent at `now`. */
export function isUsable(expiresAt: Date, now: Date): boolean {
  return now.getTime() <= expiresAt.getTime();
}
