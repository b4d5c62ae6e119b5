import { z } from 'zod';
import { inquiryCategories, inquiryStates } from './tables.ts';

// Staff forms of the inquiry desk; the admin console is English only, so messages are plain text.

const formText = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An unticked checkbox is simply missing from the form. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());

export const REPLY_MAX_CHARS = 10_000;

/** Filters of the inbox: category, state, and assignee ('unassigned', 'mine' or a staff id). */
export const inquiryFilterInput = z.object({
  category: formText.pipe(z.enum(['', ...inquiryCategories], 'Choose a category from the list.')),
  state: formText.pipe(z.enum(['', ...inquiryStates], 'Choose a state from the list.')),
  assignee: formText.refine(
    (v) => v === '' || v === 'unassigned' || v === 'mine' || UUID.test(v),
    'Choose an assignee from the list.',
  ),
  page: formText
    .refine((v) => v === '' || /^[1-9]\d{0,4}$/.test(v), 'Page must be a whole number from 1.')
    .transform((v) => (v === '' ? 1 : Number(v))),
});

/** "Assign to": 'me', '' for nobody, or a staff id. */
export const assignInput = z.object({
  assignee: formText.refine(
    (v) => v === '' || v === 'me' || UUID.test(v),
    'Choose someone from the list.',
  ),
});

export const stateInput = z.object({
  state: formText.pipe(z.enum(inquiryStates, 'Choose open, waiting or closed.')),
});

export const replyInput = z.object({
  // Line breaks are kept; only the ends are trimmed.
  body: formText.pipe(
    z
      .string()
      .min(1, 'Write the reply.')
      .max(REPLY_MAX_CHARS, `Use at most ${REPLY_MAX_CHARS.toLocaleString('en')} characters.`),
  ),
  close: checkbox,
  // The form's one-time token (see replyToInquiry); an old form without one still works.
  nonce: formText
    .refine(
      (v) => v === '' || /^[\w-]{16,100}$/.test(v),
      'Reload the page and send the reply again.',
    )
    .transform((v) => v || null),
});

export const applyInput = z.object({ close: checkbox });
