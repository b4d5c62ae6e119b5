import { type Context, Hono } from 'hono';
import { cardInput, formFieldName, parseExpiry } from '../checkout/inputs.ts';
import { formatTokyoTime } from '../lib/japan-time.ts';
import {
  below,
  guestOrderAccess,
  memberOrderAccess,
  type OrderAccess,
} from '../orders/customer-order-page.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { hitRateLimits } from '../web/rate-limit.ts';
import { type FixPaymentResult, fixPayment, fixState, resumePaymentFix } from './fix-payment.ts';
import { FixPaymentPage, japanDate } from './pages/fix-payment-page.tsx';
import { FIX_ATTEMPT_LIMIT } from './payment-rules.ts';

type Ctx = Context<AppEnv>;

async function showFixPage(
  c: Ctx,
  access: OrderAccess,
  state: {
    values?: Record<string, string>;
    errors?: Record<string, string>;
    message?: string;
    status?: 200 | 400 | 429;
  } = {},
) {
  const t = c.get('t');
  const { order } = access.detail;
  const done = c.req.query('paid') === '1' && order.paymentState === 'captured';
  // Nothing to fix (paid, cancelled, or never failed): the order page says where it stands.
  if (!done && fixState(order, c.get('deps').clock.now()) !== 'open') {
    return c.redirect(access.path, 303);
  }
  return renderPage(
    c,
    t('fixPayment.title', { number: order.number }),
    <FixPaymentPage
      order={order}
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      action={below(access.path, '/payment')}
      orderPath={access.path}
      values={state.values ?? {}}
      errors={state.errors ?? {}}
      message={state.message}
      done={done}
    />,
    state.status ?? 200,
  );
}

/** Turns the use case's answer into a redirect or the page again with what went wrong. */
async function answer(
  c: Ctx,
  load: (c: Ctx) => Promise<OrderAccess>,
  result: FixPaymentResult,
  values: Record<string, string> = {},
) {
  const t = c.get('t');
  const locale = c.get('locale');
  switch (result.kind) {
    case 'fixed':
      return c.redirect(paidPath(await load(c)), 303);
    case 'challenge':
      return c.redirect(result.url, 303);
    case 'declined':
      return showFixPage(c, await load(c), {
        values,
        message:
          result.reason === 'challenge_failed'
            ? t('fixPayment.challengeFailed')
            : t('fixPayment.declined', { reason: t(`decline.${result.reason}`) }),
        status: 400,
      });
    case 'capture_failed':
      return showFixPage(c, await load(c), {
        values,
        message: t('fixPayment.captureFailed', {
          date: japanDate(t, result.fixDueAt, locale),
        }),
        status: 400,
      });
    case 'too_late':
    case 'not_needed':
      // The order page tells the rest (cancelled, or already paid).
      return c.redirect((await load(c)).path, 303);
  }
}

function paidPath(access: OrderAccess): string {
  const path = below(access.path, '/payment');
  return `${path}${path.includes('?') ? '&' : '?'}paid=1`;
}

async function submitFix(c: Ctx, load: (c: Ctx) => Promise<OrderAccess>) {
  const t = c.get('t');
  const deps = c.get('deps');
  const access = await load(c);
  const { order } = access.detail;
  if (fixState(order, deps.clock.now()) !== 'open') return c.redirect(access.path, 303);
  const body = await c.req.parseBody();
  const field = (name: string) => (typeof body[name] === 'string' ? body[name].slice(0, 100) : '');
  // Number and security code are never sent back to the browser.
  const values = { cardHolder: field('cardHolder'), cardExpiry: field('cardExpiry') };
  const parsed = cardInput.safeParse({
    number: field('cardNumber'),
    holder: field('cardHolder'),
    expiry: field('cardExpiry'),
    cvc: field('cardCvc'),
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(fieldMessages(parsed.error.issues, t))) {
      errors[formFieldName(`card.${path}`)] = message;
    }
    return showFixPage(c, access, { values, errors, message: t('error.fixBelow'), status: 400 });
  }
  // Each try reaches the card network: limited per order, against card testing.
  const limited = await hitRateLimits(
    deps.db,
    [{ key: `fix-payment:order:${order.id}`, ...FIX_ATTEMPT_LIMIT }],
    deps.clock.now(),
  );
  if (!limited.ok) {
    c.header('retry-after', String(limited.retryAfterSeconds));
    const at = new Date(deps.clock.now().getTime() + limited.retryAfterSeconds * 1000);
    return showFixPage(c, access, {
      values,
      message: t('fixPayment.limited', { time: formatTokyoTime(at, c.get('locale')) }),
      status: 429,
    });
  }
  const result = await fixPayment(deps, {
    orderId: order.id,
    card: { ...parsed.data, ...parseExpiry(parsed.data.expiry) },
    returnUrl: `${deps.publicUrl}${below(access.path, '/payment/return')}`,
    actor: 'customer',
  });
  return answer(c, load, result, values);
}

/** The payment page of an order, for its member on MyPage and for a guest's signed link alike. */
export const fixPaymentRoutes = new Hono<AppEnv>();
for (const [prefix, load] of [
  ['/mypage/orders/:number', memberOrderAccess],
  ['/orders/:number', guestOrderAccess],
] as const) {
  fixPaymentRoutes
    .get(`${prefix}/payment`, async (c) => showFixPage(c, await load(c)))
    .post(`${prefix}/payment`, async (c) => submitFix(c, load))
    .get(`${prefix}/payment/return`, async (c) => {
      const access = await load(c);
      const result = await resumePaymentFix(c.get('deps'), {
        orderId: access.detail.order.id,
        actor: 'customer',
      });
      return answer(c, load, result);
    });
}
