import { hmac, safeEqual } from '../lib/ids.ts';
import type { Order } from './tables.ts';

/**
 * How long a guest's order link keeps working after the order last changed (placed, shipped,
 * delivered, cancelled, refunded…): long after delivery, for returns and receipts. After that, or
 * once the order's mail moved to another address, the order is found again by number and email.
 * See docs/decisions/0012-guest-order-links.md.
 */
export const GUEST_LINK_DAYS = 400;

type LinkedOrder = Pick<Order, 'id' | 'accessEpoch'>;

function signedFor(secret: string, orderId: string, epoch: number): string {
  // Epoch 0 signs what links signed before epochs existed, so those keep working until a move.
  return hmac(secret, epoch === 0 ? `order-access:${orderId}` : `order-access:${orderId}:${epoch}`);
}

/** The signature in a guest's order link; it proves the link came from us, for this order's current link only. */
export function orderAccessToken(secret: string, order: LinkedOrder): string {
  return signedFor(secret, order.id, order.accessEpoch);
}

/** Every key a guest link of this order has carried, the current one last (to hide them all). */
export function everyOrderAccessToken(secret: string, order: LinkedOrder): string[] {
  return Array.from({ length: order.accessEpoch + 1 }, (_, epoch) =>
    signedFor(secret, order.id, epoch),
  );
}

export type OrderAccessCheck =
  | 'ok'
  /** Not a link we made for this order: answered like a missing order (404). */
  | 'invalid'
  /** A link we made, replaced when the order's mail moved to another address. */
  | 'replaced'
  /** The current link, but GUEST_LINK_DAYS after the order last changed. */
  | 'expired';

/** Checks a guest's key against the order's current link, and says why an old one of ours fails. */
export function checkOrderAccess(
  secret: string,
  order: LinkedOrder & Pick<Order, 'updatedAt'>,
  token: string,
  now: Date,
): OrderAccessCheck {
  if (safeEqual(token, orderAccessToken(secret, order))) {
    const expiresAt = order.updatedAt.getTime() + GUEST_LINK_DAYS * 24 * 3600_000;
    return now.getTime() < expiresAt ? 'ok' : 'expired';
  }
  for (let epoch = 0; epoch < order.accessEpoch; epoch++)
    if (safeEqual(token, signedFor(secret, order.id, epoch))) return 'replaced';
  return 'invalid';
}

/** A member's order page on MyPage (their session is the key). */
export function memberOrderPath(number: string): string {
  return `/mypage/orders/${encodeURIComponent(number)}`;
}

/** A guest's order page: the signed link, key included. */
export function guestOrderPath(secret: string, order: LinkedOrder & { number: string }): string {
  return `/orders/${encodeURIComponent(order.number)}?key=${orderAccessToken(secret, order)}`;
}
