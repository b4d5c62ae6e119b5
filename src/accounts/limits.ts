// Rate limits of the account doors, each named with why; keys are given where they are counted.
import type { RateLimitRule } from '../web/rate-limit.ts';

/** Registrations per client address and hour: a person needs one, a script wants hundreds. */
export const REGISTER_LIMIT: RateLimitRule = { max: 10, windowSeconds: 3600 };

/**
 * Mails about registrations one address gets per day, codes included, so a new address and a
 * taken one reach the limit after the same number of tries; more are only recorded.
 */
export const REGISTRATION_MAIL_LIMIT: RateLimitRule = { max: 3, windowSeconds: 24 * 3600 };

/** Registration codes typed per client address and hour, against guessing across registrations. */
export const VERIFY_LIMIT: RateLimitRule = { max: 30, windowSeconds: 3600 };

/** New registration codes a member may ask for per hour; with 5 tries each, guessing stays hopeless. */
export const VERIFY_RESEND_LIMIT: RateLimitRule = { max: 3, windowSeconds: 3600 };

/**
 * Confirming the member's password (password change, cancellation): per account against guessing
 * from a hijacked session, per client address against a spray over many accounts.
 */
export const MEMBER_PASSWORD_LIMITS = {
  perMember: { max: 5, windowSeconds: 15 * 60 },
  perClient: { max: 30, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimitRule>;

/** Email change requests per member and hour: each one checks the password and mails a code. */
export const EMAIL_CHANGE_REQUEST_LIMIT: RateLimitRule = { max: 5, windowSeconds: 3600 };

/** Email change codes a member may type per hour. */
export const EMAIL_CHANGE_CONFIRM_LIMIT: RateLimitRule = { max: 20, windowSeconds: 3600 };

/**
 * Password reset, per client address and per login: asking for the mail (few, each one mails the
 * owner), then entering what it carried (more, for typos, but not enough to guess).
 */
export const PASSWORD_RESET_LIMITS = {
  send: {
    perClient: { max: 10, windowSeconds: 3600 },
    perLogin: { max: 3, windowSeconds: 3600 },
  },
  check: {
    perClient: { max: 30, windowSeconds: 3600 },
    perLogin: { max: 10, windowSeconds: 3600 },
  },
} as const satisfies Record<'send' | 'check', Record<string, RateLimitRule>>;

/**
 * Member ID lookup by email, per client address and per address: asking for the code (each one
 * mails the owner), then checking it. Counted before anything is looked up.
 */
export const MEMBER_LOOKUP_LIMITS = {
  send: {
    perClient: { max: 10, windowSeconds: 3600 },
    perEmail: { max: 3, windowSeconds: 3600 },
  },
  check: {
    perClient: { max: 30, windowSeconds: 3600 },
    perEmail: { max: 15, windowSeconds: 3600 },
  },
} as const satisfies Record<'send' | 'check', Record<string, RateLimitRule>>;
