import { z } from 'zod';

/** Form values arrive as strings (or not at all); both become a trimmed string. */
const formText = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());

const requiredText = (label: string, max: number) =>
  formText.pipe(z.string().min(1, `Enter ${label}.`).max(max, `Use at most ${max} characters.`));

/** A newsletter as staff write it: subject and text in English and Japanese. */
export const newsletterInput = z.object({
  subjectEn: requiredText('an English subject', 150),
  subjectJa: requiredText('a Japanese subject', 150),
  bodyEn: requiredText('the English text', 20_000),
  bodyJa: requiredText('the Japanese text', 20_000),
});
export type NewsletterInput = z.infer<typeof newsletterInput>;

/** The MyPage form: an unticked checkbox is simply missing. */
export const optInInput = z.object({
  newsletter: z.preprocess((v) => v === 'on', z.boolean()),
});

/** Newsletter ids in admin URLs; anything else is a 404, not a database error. */
export const newsletterId = z.uuid();
