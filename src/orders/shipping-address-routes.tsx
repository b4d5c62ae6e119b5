// Changing an order's delivery address from its page (the member's or the guest's).
import type { Context } from 'hono';
import { addressFormFields } from '../accounts/profile-inputs.ts';
import { addressInput } from '../checkout/inputs.ts';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages, notFound } from '../web/errors.ts';
import { hitRateLimits } from '../web/rate-limit.ts';
import { changeShippingAddress } from './change-shipping-address.ts';
import {
  atAddress,
  type OrderAccess,
  retryTime,
  showCustomerOrder,
  withParam,
} from './customer-order-page.tsx';
import { findOrderById } from './find-orders.ts';
import { ADDRESS_CHANGE_LIMIT } from './limits.ts';
import { mayChangeAddress } from './order-rules.ts';
import { addressChangeRefusal } from './pages/refusals.ts';

/** Changes the delivery address from the order page, while the order is not being prepared. */
export async function changeAddress(c: Context<AppEnv>, access: OrderAccess) {
  const t = c.get('t');
  const deps = c.get('deps');
  const { order, lines } = access.detail;
  const body = await c.req.parseBody();
  const typed = addressFormFields.parse(body);
  const values = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, v.slice(0, 300)]));
  const again = (
    status: 400 | 409 | 429,
    addressError: string | undefined,
    options: { errors?: Record<string, string>; inquiry?: boolean } = {},
  ) =>
    showCustomerOrder(c, access, {
      addressForm: { values, errors: options.errors ?? {} },
      ...(addressError ? { addressError } : {}),
      addressInquiry: options.inquiry ?? false,
      status,
    });
  // A form left open while staff started preparing: the page says so instead of the form.
  if (!mayChangeAddress(order, lines)) {
    const tooLate = addressChangeRefusal(t, c.get('locale'), order, {
      ok: false,
      reason: 'not_changeable',
    });
    return showCustomerOrder(c, access, { error: tooLate.message, status: tooLate.status });
  }
  const parsed = addressInput.safeParse(typed);
  if (!parsed.success)
    return again(400, t('error.fixBelow'), { errors: fieldMessages(parsed.error.issues, t) });
  const limited = await hitRateLimits(
    deps.db,
    [{ key: `address:order:${order.id}`, ...ADDRESS_CHANGE_LIMIT }],
    deps.clock.now(),
  );
  if (!limited.ok)
    return again(429, t('orderAddress.limited', { time: retryTime(c, limited.retryAfterSeconds) }));
  const result = await changeShippingAddress(deps, {
    orderId: order.id,
    address: parsed.data,
    actor: 'customer',
  });
  if (result.ok) return c.redirect(atAddress(withParam(access.path, 'shipTo=changed')), 303);
  if (result.reason === 'not_found') throw notFound();
  const refusal = addressChangeRefusal(t, c.get('locale'), order, result);
  if (result.reason === 'not_changeable') {
    // Staff moved it on meanwhile: show the order as it is now.
    const now = (await findOrderById(deps.db, order.id)) ?? access.detail;
    return showCustomerOrder(
      c,
      { ...access, detail: now },
      { error: refusal.message, status: refusal.status },
    );
  }
  return again(refusal.status, refusal.message, { inquiry: refusal.inquiry });
}
