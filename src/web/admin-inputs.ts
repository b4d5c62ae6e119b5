import { z } from 'zod';
import { isCalendarDay, parseJapanLocal } from '../lib/japan-time.ts';
import { isSafeRecipient } from '../mail/render-mail.ts';

// The pieces every staff form of the console shares; the console is English only.

/** Form and query values arrive as strings (or not at all); both become a trimmed string. */
export const formText = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());

export const requiredText = (label: string, max: number) =>
  formText.pipe(z.string().min(1, `Enter ${label}.`).max(max, `Use at most ${max} characters.`));

export const optionalText = (max: number) =>
  formText.pipe(z.string().max(max, `Use at most ${max} characters.`));

export function wholeNumber(min: number, max: number) {
  const message = `Enter a whole number from ${min} to ${max}.`;
  return formText
    .refine((v) => /^\d{1,9}$/.test(v), message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

export function optionalWholeNumber(min: number, max: number) {
  const message = `Leave empty or enter a whole number from ${min} to ${max}.`;
  return formText
    .refine((v) => v === '' || /^\d{1,9}$/.test(v), message)
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((n) => n === null || (n >= min && n <= max), message);
}

/** An unticked checkbox is simply missing from the form. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());

export const japanTime = formText
  .refine((v) => v === '' || parseJapanLocal(v) !== null, 'Use a date and time in Japan time.')
  .transform((v) => (v === '' ? null : parseJapanLocal(v)));

export const page = formText
  .refine((v) => v === '' || /^[1-9]\d{0,4}$/.test(v), 'Page must be a whole number from 1.')
  .transform((v) => (v === '' ? 1 : Number(v)));

export const day = formText.refine(
  (v) => v === '' || isCalendarDay(v),
  'Use a date like 2026-11-26.',
);

/** An address we can send to: valid, and plain enough that no header can ride along. */
export const addressRule = z
  .email('Enter an email address like name@example.com.')
  .max(254, 'Use at most 254 characters.')
  .refine(isSafeRecipient, 'This address cannot be used for mail.');
export const mailAddress = formText.pipe(addressRule);
