import { z } from 'zod';

export const memberCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{4,20}$/, 'v.memberCode');

export const password = z.string().min(10, 'v.passwordShort').max(200, 'v.passwordLong');

export const registerInput = z.object({
  memberCode,
  email: z.string().trim().pipe(z.email('v.email').max(254, 'v.tooLong')),
  password,
  name: z.string().trim().max(100).default(''),
  locale: z.enum(['en', 'ja']).default('en'),
});

export const signInInput = z.object({
  login: z.string().trim().min(1, 'v.login').max(254, 'v.tooLong'),
  password: z.string().min(1, 'v.password').max(200, 'v.tooLong'),
});

export type RegisterInput = z.infer<typeof registerInput>;
