import { hmac, safeEqual } from '../lib/ids.ts';

/** The signature in a guest's order link; it proves the link came from us, for this order only. */
export function orderAccessToken(secret: string, orderId: string): string {
  return hmac(secret, `order-access:${orderId}`);
}

export function verifyOrderAccessToken(secret: string, orderId: string, token: string): boolean {
  return safeEqual(token, orderAccessToken(secret, orderId));
}

export function guestOrderPath(secret: string, order: { id: string; number: string }): string {
  return `/orders/${encodeURIComponent(order.number)}?key=${orderAccessToken(secret, order.id)}`;
}
