// What the order page says when a customer's action on an order is refused, one function per
// action, so the route handlers only decide where the message goes.
import { type ShippingMethodCode, shippingMethods } from '../../shipping/rates.ts';
import type { Locale, Translate } from '../../web/i18n.ts';
import type { ChangeShippingAddressResult } from '../change-shipping-address.ts';
import type { ConfirmContactChangeResult } from '../confirm-contact-change.ts';
import type { RequestContactChangeResult } from '../request-contact-change.ts';
import type { Order } from '../tables.ts';

type Refused<R> = Extract<R, { ok: false }>;

/** A refusal as the page shows it: the message and the status it is answered with. */
export interface Refusal<S extends number = 400 | 409 | 429> {
  message: string;
  status: S;
}

/** Cancelling: the order has moved past the states its customer may cancel in. */
export function cancelRefusal(t: Translate): Refusal<409> {
  return { message: t('order.cannotCancel'), status: 409 };
}

/** Sending an order's mail again: the contact address is suppressed, so it cannot help. */
export function resendRefusal(t: Translate, order: Pick<Order, 'contactEmail'>): Refusal<409> {
  return { message: t('orderMail.blocked', { email: order.contactEmail }), status: 409 };
}

/** Asking for a code to a new contact address. */
export function contactChangeRefusal(
  t: Translate,
  reason: Refused<RequestContactChangeResult>['reason'],
): Refusal<400> {
  return {
    message: t(reason === 'same_address' ? 'contactChange.same' : 'contactChange.suppressed'),
    status: 400,
  };
}

/** Entering that code; only a wrong code keeps what was typed, to fix a typo. */
export function contactCodeRefusal(
  t: Translate,
  result: Refused<ConfirmContactChangeResult>,
): Refusal<400 | 429> & { keepTyped: boolean } {
  switch (result.reason) {
    case 'wrong_code':
      return {
        message: t('code.wrong', { count: result.attemptsLeft ?? 0 }),
        status: 400,
        keepTyped: true,
      };
    case 'too_many_attempts':
      return { message: t('code.tooMany'), status: 429, keepTyped: false };
    case 'expired':
      return { message: t('code.expired'), status: 400, keepTyped: false };
    default:
      return { message: t('code.none'), status: 400, keepTyped: false };
  }
}

/**
 * Changing the delivery address. `inquiry`: only staff or a new order can help, so the message
 * links the inquiry form. (`not_found` is answered with a 404 before this is asked.)
 */
export function addressChangeRefusal(
  t: Translate,
  locale: Locale,
  order: Pick<Order, 'shippingMethod'>,
  result: Refused<ChangeShippingAddressResult>,
): Refusal<400 | 409> & { inquiry: boolean } {
  switch (result.reason) {
    case 'not_found':
    case 'not_changeable':
      return { message: t('orderAddress.tooLate'), status: 409, inquiry: false };
    case 'no_shipping':
      return { message: t('orderAddress.noShipping'), status: 409, inquiry: false };
    case 'unchanged':
      return { message: t('orderAddress.unchanged'), status: 400, inquiry: false };
    case 'domestic_only': {
      const titles = result.titles.map((title) => (locale === 'ja' ? title.ja : title.en));
      return {
        message: t('orderAddress.domesticOnly', { titles: titles.join(', ') }),
        status: 409,
        inquiry: true,
      };
    }
    case 'method_unavailable': {
      const method = shippingMethods[order.shippingMethod as ShippingMethodCode];
      const name = method ? (locale === 'ja' ? method.nameJa : method.nameEn) : '';
      return {
        message: t('orderAddress.methodUnavailable', { method: name }),
        status: 409,
        inquiry: true,
      };
    }
    case 'other_zone':
      return { message: t('orderAddress.otherZone'), status: 409, inquiry: true };
  }
}
