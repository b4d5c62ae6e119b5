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
