import { z } from 'zod';
import { typedAddress } from '../email-policy/address-input.ts';
import { isSafeRecipient } from '../mail/render-mail.ts';
import { verificationCode } from '../orders/inputs.ts';

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
  // An unticked checkbox sends nothing: opting in is always a deliberate act.
  newsletter: z
    .unknown()
    .transform((v) => v === 'on')
    .default(false),
});

export const signInInput = z.object({
  login: z.string().trim().min(1, 'v.login').max(254, 'v.tooLong'),
  password: z.string().min(1, 'v.password').max(200, 'v.tooLong'),
});

export type RegisterInput = z.infer<typeof registerInput>;

/** An address typed to find something (not to be stored): plain syntax, and mail can go to it. */
export const typedEmail = typedAddress.refine(isSafeRecipient, 'v.email');

export const login = z.string('v.login').trim().min(1, 'v.login').max(254, 'v.tooLong');

export const verifyEmailInput = z.object({ code: verificationCode });

export const forgotPasswordInput = z.object({ login });

export const resetWithCodeInput = z.object({ login, code: verificationCode, password });

export const resetWithLinkInput = z.object({
  token: z.string().regex(/^[\w-]{20,100}$/, 'acct.reset.linkInvalid'),
  password,
});

/** The new address is checked by `checkAccountEmail`, not here. */
export const emailChangeInput = z.object({
  email: z.string('v.required').max(300, 'v.tooLong'),
  password: z.string('v.password').min(1, 'v.password').max(200, 'v.tooLong'),
});

export const memberLookupInput = z.object({ memberCode, email: typedEmail });

export const memberLookupCodeInput = z.object({
  memberCode,
  email: typedEmail,
  code: verificationCode,
});
