/** Card holds expire: an authorisation this old is captured even though the order has not shipped. */
export const CAPTURE_AFTER_DAYS = 25;

/** After a failed capture the customer has this long to enter another card; then the order is cancelled. */
export const FIX_PAYMENT_DAYS = 7;

/** Cards a customer may try on one order's payment page in an hour (each one reaches the card network). */
export const FIX_ATTEMPTS_PER_HOUR = 10;

/** A capture claimed this long ago with no answer recorded (a crashed worker) is tried again. */
export const STALE_CAPTURE_MINUTES = 10;

const DAY_MS = 24 * 3600 * 1000;

/** Authorisations made at or before this instant are due for capture. */
export function captureDueBefore(now: Date): Date {
  return new Date(now.getTime() - CAPTURE_AFTER_DAYS * DAY_MS);
}

/** When the customer's window to fix a failed capture closes. */
export function paymentFixDueAt(failedAt: Date): Date {
  return new Date(failedAt.getTime() + FIX_PAYMENT_DAYS * DAY_MS);
}
