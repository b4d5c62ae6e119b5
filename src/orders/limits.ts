import type { RateLimitRule } from '../web/rate-limit.ts';

/** How often a customer may ask for an order's mail again, per order and hour. */
export const RESENDS_PER_HOUR = 3;
/** How many codes to a new contact address an order may send per hour. */
export const CONTACT_CODES_PER_HOUR = 5;
/** How often an order's delivery address may change per hour. */
export const ADDRESS_CHANGES_PER_HOUR = 5;

/** Per order: enough to get a lost mail again, too few to flood anyone's inbox. */
export const ORDER_MAIL_RESEND_LIMIT: RateLimitRule = {
  max: RESENDS_PER_HOUR,
  windowSeconds: 3600,
};
/** Per order: each code goes to an address we do not know yet, so it must not become a mail cannon. */
export const CONTACT_CODE_LIMIT: RateLimitRule = {
  max: CONTACT_CODES_PER_HOUR,
  windowSeconds: 3600,
};
/** Per order: every change mails the customer a confirmation, so a loop of changes is stopped. */
export const ADDRESS_CHANGE_LIMIT: RateLimitRule = {
  max: ADDRESS_CHANGES_PER_HOUR,
  windowSeconds: 3600,
};

/**
 * Finding an order by number and email, per client address and per order number: sending a code
 * mails the order's contact, so fewer; checking a code allows typos but not guessing.
 */
export const FIND_ORDER_LIMITS = {
  send: {
    perClient: { max: 10, windowSeconds: 3600 },
    perOrder: { max: 5, windowSeconds: 3600 },
  },
  check: {
    perClient: { max: 30, windowSeconds: 3600 },
    perOrder: { max: 15, windowSeconds: 3600 },
  },
} as const satisfies Record<'send' | 'check', Record<'perClient' | 'perOrder', RateLimitRule>>;
