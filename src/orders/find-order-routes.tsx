// Finding a guest's order by number and email: a code goes to the order's contact address, and
// the right code opens the order's signed link.
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { retryTime } from './customer-order-page.tsx';
import { findGuestOrder, sendOrderLookupCode } from './find-guest-order.ts';
import { findOrderCodeInput, findOrderInput, orderNumber } from './inputs.ts';
import { FIND_ORDER_LIMITS } from './limits.ts';
import { guestOrderPath } from './order-access.ts';
import { FindOrderCodePage, FindOrderPage } from './pages/find-order-pages.tsx';

function formValues(body: Record<string, unknown>, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = body[name];
    if (typeof value === 'string') values[name] = value.slice(0, 300);
  }
  return values;
}

/** Looking up an order by number and email: limited per client and per order number. */
function findLimits(c: Context<AppEnv>, step: 'send' | 'check', number: string) {
  const limits = FIND_ORDER_LIMITS[step];
  return hitRateLimits(
    c.get('deps').db,
    [
      { key: `find-order:${step}:ip:${clientAddress(c)}`, ...limits.perClient },
      { key: `find-order:${step}:number:${number}`, ...limits.perOrder },
    ],
    c.get('deps').clock.now(),
  );
}

export const findOrderRoutes = new Hono<AppEnv>()
  .get('/orders/find', (c) => {
    const t = c.get('t');
    const number = orderNumber.safeParse(c.req.query('number') ?? '');
    return renderPage(
      c,
      t('findOrder.title'),
      <FindOrderPage
        t={t}
        csrf={c.get('csrfToken')}
        values={number.success ? { number: number.data } : {}}
        errors={{}}
      />,
    );
  })
  .post('/orders/find', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const values = formValues(body, ['number', 'email']);
    const again = (errors: Record<string, string>, message: string, status: 400 | 429) =>
      renderPage(
        c,
        t('findOrder.title'),
        <FindOrderPage
          t={t}
          csrf={c.get('csrfToken')}
          values={values}
          errors={errors}
          message={message}
        />,
        status,
      );
    const parsed = findOrderInput.safeParse(body);
    if (!parsed.success)
      return again(fieldMessages(parsed.error.issues, t), t('error.fixBelow'), 400);
    // Counted before the order is looked at, so a match and a miss are limited alike.
    const limited = await findLimits(c, 'send', parsed.data.number);
    if (!limited.ok)
      return again(
        {},
        t('findOrder.limited', { time: retryTime(c, limited.retryAfterSeconds) }),
        429,
      );
    await sendOrderLookupCode(c.get('deps'), { ...parsed.data, locale: c.get('locale') });
    return c.redirect(`/orders/find/code?number=${encodeURIComponent(parsed.data.number)}`, 303);
  })
  .get('/orders/find/code', (c) => {
    const t = c.get('t');
    const number = orderNumber.safeParse(c.req.query('number') ?? '');
    if (!number.success) return c.redirect('/orders/find', 303);
    return renderPage(
      c,
      t('findOrder.title'),
      <FindOrderCodePage
        t={t}
        csrf={c.get('csrfToken')}
        number={number.data}
        values={{}}
        errors={{}}
      />,
    );
  })
  .post('/orders/find/code', async (c) => {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const number = orderNumber.safeParse(body.number);
    if (!number.success) return c.redirect('/orders/find', 303);
    const values = formValues(body, ['code']);
    const again = (errors: Record<string, string>, message: string, status: 400 | 429) =>
      renderPage(
        c,
        t('findOrder.title'),
        <FindOrderCodePage
          t={t}
          csrf={c.get('csrfToken')}
          number={number.data}
          values={values}
          errors={errors}
          message={message}
        />,
        status,
      );
    const parsed = findOrderCodeInput.safeParse(body);
    if (!parsed.success) return again({ code: t('v.code') }, t('error.fixBelow'), 400);
    const limited = await findLimits(c, 'check', parsed.data.number);
    if (!limited.ok)
      return again(
        {},
        t('findOrder.limited', { time: retryTime(c, limited.retryAfterSeconds) }),
        429,
      );
    const order = await findGuestOrder(c.get('deps'), parsed.data);
    if (!order) return again({}, t('findOrder.wrongCode'), 400);
    return c.redirect(guestOrderPath(c.get('deps').secret, order), 303);
  });
