import type { RateLimitRule } from '../web/rate-limit.ts';

/** What the inquiry form accepts; the guide quotes these numbers, so they live in one place. */
export const inquiryLimits = {
  messageChars: 5000,
  photos: 3,
  photoBytes: 5 * 1024 * 1024,
  /** Inquiries one client address may send per hour (generous: carrier NAT shares addresses), and one email address per day. */
  perIpPerHour: 20,
  perEmailPerDay: 10,
  /** Defects must be reported within this many days of receipt (shop rules). */
  defectReportDays: 7,
  /** How soon support usually answers, in business days. */
  answerBusinessDays: 2,
} as const;

/** New inquiries per client address and hour: generous, since carrier NAT shares addresses. */
export const INQUIRY_PER_CLIENT_LIMIT: RateLimitRule = {
  max: inquiryLimits.perIpPerHour,
  windowSeconds: 3600,
};
/** New inquiries per email address and day, so one address cannot flood the desk. */
export const INQUIRY_PER_EMAIL_LIMIT: RateLimitRule = {
  max: inquiryLimits.perEmailPerDay,
  windowSeconds: 24 * 3600,
};
