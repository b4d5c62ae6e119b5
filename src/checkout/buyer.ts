import type { Member } from '../accounts/tables.ts';
import type { Locale } from '../web/i18n.ts';
import type { Buyer } from './place-order.ts';

/**
 * The language an order's mails use: the one the request asks for (the storefront always has
 * one, from the language cookie or the browser; the Store API only when Accept-Language is sent),
 * else the member's chosen language, else English.
 */
export function orderLocale(
  requested: Locale | null,
  member: Pick<Member, 'locale'> | null,
): Locale {
  return requested ?? member?.locale ?? 'en';
}

/**
 * Who places the order, for the checkout form and the Store API alike: a member under their
 * account email (whatever was typed), a guest under the address they gave, already through the
 * email policy.
 */
export function checkoutBuyer(
  member: Pick<Member, 'id' | 'email' | 'locale'> | null,
  guestEmail: string | null,
  requestedLocale: Locale | null,
): Buyer {
  const email = member?.email ?? guestEmail;
  if (!email) throw new Error('a guest checkout needs an email address');
  return {
    memberId: member?.id ?? null,
    email,
    locale: orderLocale(requestedLocale, member),
  };
}
