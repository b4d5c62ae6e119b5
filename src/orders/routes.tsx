import { type Context, Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { cancelOrder } from './cancel-order.ts';
import {
  guestOrderAccess,
  memberOrderAccess,
  type OrderAccess,
  showCustomerOrder,
  withParam,
} from './customer-order-page.tsx';
import { findOrderRoutes } from './find-order-routes.tsx';
import { confirmChange, requestChange, resend, showCodePage } from './order-mail-routes.tsx';
import { cancelRefusal } from './pages/refusals.ts';
import { changeAddress } from './shipping-address-routes.tsx';

// order-mail-routes.test.ts imports `below` from here; it lives with the order page now.
export { below } from './customer-order-page.tsx';

async function cancel(c: Context<AppEnv>, access: OrderAccess) {
  const result = await cancelOrder(c.get('deps'), {
    orderId: access.detail.order.id,
    actor: 'customer',
  });
  if (!result.ok) {
    const refusal = cancelRefusal(c.get('t'));
    return showCustomerOrder(c, access, { error: refusal.message, status: refusal.status });
  }
  return c.redirect(withParam(access.path, 'cancelled=1'), 303);
}

export const orderRoutes = new Hono<AppEnv>()
  // Before '/orders/:number', which would otherwise take 'find' for an order number.
  .route('/', findOrderRoutes);

// The order page and its actions, for a member on MyPage and for a guest through the signed link
// alike (MyPage's sign-in check is accounts' middleware on /mypage/*).
for (const [prefix, load] of [
  ['/mypage/orders/:number', memberOrderAccess],
  ['/orders/:number', guestOrderAccess],
] as const) {
  orderRoutes
    .get(prefix, async (c) => showCustomerOrder(c, await load(c)))
    .post(`${prefix}/cancel`, async (c) => cancel(c, await load(c)))
    .post(`${prefix}/mail/:messageId/resend`, async (c) => resend(c, await load(c)))
    .post(`${prefix}/contact-email`, async (c) => requestChange(c, await load(c)))
    .get(`${prefix}/contact-email`, async (c) => showCodePage(c, await load(c)))
    .post(`${prefix}/contact-email/confirm`, async (c) => confirmChange(c, await load(c)))
    .post(`${prefix}/shipping-address`, async (c) => changeAddress(c, await load(c)));
}
