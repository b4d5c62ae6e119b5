import { z } from 'zod';

export const memberCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{4,20}$/, 'Use 4-20 letters, digits, "-" or "_".');

export const password = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200, 'Use at most 200 characters.');

export const registerInput = z.object({
  memberCode,
  email: z
    .string()
    .trim()
    .pipe(z.email('Enter an email address such as taro@example.com.').max(254)),
  password,
  name: z.string().trim().max(100).default(''),
  locale: z.enum(['en', 'ja']).default('en'),
});

export const signInInput = z.object({
  login: z.string().trim().min(1, 'Enter your member ID or email.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export type RegisterInput = z.infer<typeof registerInput>;
