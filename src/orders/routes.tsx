import { type Context, Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { notFound } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { cancelOrder } from './cancel-order.ts';
import { findOrderByNumber, type OrderDetail } from './find-orders.ts';
import { guestOrderPath, verifyOrderAccessToken } from './order-access.ts';
import { customerMayCancel } from './order-rules.ts';
import { OrderPage } from './pages/order-page.tsx';

/** Renders an order for its customer; `cancelPath` is where the cancel form posts. */
export function showCustomerOrder(
  c: Context<AppEnv>,
  detail: OrderDetail,
  cancelPath: string,
  messages: { notice?: string; error?: string } = {},
) {
  const t = c.get('t');
  const mayCancel = customerMayCancel(detail.order, detail.lines, c.get('deps').clock.now());
  return renderPage(
    c,
    t('order.title', { number: detail.order.number }),
    <OrderPage
      detail={detail}
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      cancelAction={mayCancel ? cancelPath : null}
      {...messages}
    />,
    messages.error ? 409 : 200,
  );
}

/** A guest's order, opened through the signed link; a wrong key is the same 404 as no order. */
async function guestOrder(c: Context<AppEnv>) {
  const { db, secret } = c.get('deps');
  const detail = await findOrderByNumber(db, c.req.param('number') ?? '');
  const key = c.req.query('key') ?? '';
  if (!detail || !verifyOrderAccessToken(secret, detail.order.id, key)) throw notFound();
  return detail;
}

export const orderRoutes = new Hono<AppEnv>()
  .get('/orders/:number', async (c) => {
    const detail = await guestOrder(c);
    const path = guestOrderPath(c.get('deps').secret, detail.order);
    const notice = c.req.query('cancelled') ? c.get('t')('order.cancelled') : undefined;
    return showCustomerOrder(c, detail, path.replace('?', '/cancel?'), {
      ...(notice ? { notice } : {}),
    });
  })
  .post('/orders/:number/cancel', async (c) => {
    const detail = await guestOrder(c);
    const result = await cancelOrder(c.get('deps'), {
      orderId: detail.order.id,
      actor: 'customer',
    });
    const path = guestOrderPath(c.get('deps').secret, detail.order);
    if (!result.ok)
      return showCustomerOrder(c, detail, path.replace('?', '/cancel?'), {
        error: c.get('t')('order.cannotCancel'),
      });
    return c.redirect(`${path}&cancelled=1`, 303);
  });
