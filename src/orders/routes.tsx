import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { listAddresses } from '../accounts/address-book.ts';
import { addressFormFields } from '../accounts/profile-inputs.ts';
import { addressInput } from '../checkout/inputs.ts';
import { checkEmailField } from '../email-policy/email-field.ts';
import { formatTokyoTime } from '../mail/describe-delivery.ts';
import { findOrderMail } from '../mail/find-order-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { PaymentFixBanner } from '../payments/pages/fix-payment-page.tsx';
import { type ShippingMethodCode, shippingMethods } from '../shipping/rates.ts';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages, notFound } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { cancelOrder } from './cancel-order.ts';
import { changeShippingAddress } from './change-shipping-address.ts';
import { confirmContactChange } from './confirm-contact-change.ts';
import { findGuestOrder, sendOrderLookupCode } from './find-guest-order.ts';
import {
  findMemberOrder,
  findOrderById,
  findOrderByNumber,
  type OrderDetail,
} from './find-orders.ts';
import {
  codeInput,
  contactChangeInput,
  findOrderCodeInput,
  findOrderInput,
  orderNumber,
} from './inputs.ts';
import { ADDRESS_CHANGES_PER_HOUR, CONTACT_CODES_PER_HOUR, RESENDS_PER_HOUR } from './limits.ts';
import {
  checkOrderAccess,
  GUEST_LINK_DAYS,
  guestOrderPath,
  memberOrderPath,
} from './order-access.ts';
import { customerMayCancel, mayChangeAddress, shipsParcel } from './order-rules.ts';
import { FindOrderCodePage, FindOrderPage, OrderLinkGonePage } from './pages/find-order-pages.tsx';
import { ADDRESS_SECTION_ID, AddressTooLate, OrderAddressSection } from './pages/order-address.tsx';
import { ContactCodePage, MAIL_SECTION_ID, OrderMailSection } from './pages/order-mail.tsx';
import { OrderPage } from './pages/order-page.tsx';
import { findPendingContactChange, requestContactChange } from './request-contact-change.ts';
import { resendOrderMail } from './resend-order-mail.ts';
import { addressValues, orderAddress } from './shipping-address.ts';

/** An order its customer may act on, and where its page is for them. */
export interface OrderAccess {
  detail: OrderDetail;
  /** The order page: on MyPage for its member, else the guest's signed link (with its key). */
  path: string;
  /** The signed-in owner's account email, which changing the order's contact leaves alone. */
  memberEmail: string | null;
  /** Opened through a guest link, whose key changes when the order's mail moves. */
  byLink: boolean;
}

/** A path under the order page, keeping the guest's key: `/orders/N?key=K` → `/orders/N/x?key=K`. */
export function below(path: string, suffix: string): string {
  const query = path.indexOf('?');
  return query < 0 ? path + suffix : path.slice(0, query) + suffix + path.slice(query);
}

function withParam(path: string, param: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${param}`;
}

/** Lands on the mail section, so the customer sees the outcome without scrolling. */
const atMail = (path: string) => `${path}#${MAIL_SECTION_ID}`;
const atAddress = (path: string) => `${path}#${ADDRESS_SECTION_ID}`;

/** The signed-in member's own order; anyone else's is the same 404 as no order. */
export async function memberOrderAccess(c: Context<AppEnv>): Promise<OrderAccess> {
  const member = c.get('member');
  if (!member) throw notFound();
  const detail = await findMemberOrder(c.get('deps').db, member.id, c.req.param('number') ?? '');
  if (!detail) throw notFound();
  return {
    detail,
    path: memberOrderPath(detail.order.number),
    memberEmail: member.email,
    byLink: false,
  };
}

/**
 * A guest's order, opened through the signed link; a wrong key is the same 404 as no order. A link
 * of ours that was replaced (the mail moved) or expired gets a 410 page saying how to find the
 * order again (docs/decisions/0012-guest-order-links.md).
 */
export async function guestOrderAccess(c: Context<AppEnv>): Promise<OrderAccess> {
  const { db, secret, clock } = c.get('deps');
  const detail = await findOrderByNumber(db, c.req.param('number') ?? '');
  const key = c.req.query('key') ?? '';
  const check = detail ? checkOrderAccess(secret, detail.order, key, clock.now()) : 'invalid';
  if (!detail || check === 'invalid') throw notFound();
  if (check !== 'ok') {
    const t = c.get('t');
    const page = await renderPage(
      c,
      t('orderLink.goneTitle'),
      <OrderLinkGonePage t={t} reason={check} days={GUEST_LINK_DAYS} />,
      410,
    );
    throw new HTTPException(410, { res: page });
  }
  const member = c.get('member');
  return {
    detail,
    path: guestOrderPath(secret, detail.order),
    memberEmail: member && detail.order.memberId === member.id ? member.email : null,
    byLink: true,
  };
}

interface OrderPageState {
  notice?: string;
  error?: string;
  mailNotice?: string;
  mailError?: string;
  contactForm?: { value: string; error?: string | undefined };
  /** The address form as the customer typed it, with its field messages. */
  addressForm?: { values: Record<string, string>; errors: Record<string, string> };
  addressError?: string;
  /** The address refusal needs staff or a new order: the message links the inquiry form. */
  addressInquiry?: boolean;
  status?: 200 | 400 | 409 | 429;
}

/** The address section while the order allows a change; a short note once it is being prepared. */
async function addressSection(c: Context<AppEnv>, access: OrderAccess, state: OrderPageState) {
  const t = c.get('t');
  const { order, lines } = access.detail;
  if (!shipsParcel(lines)) return null;
  if (order.state === 'preparing') return <AddressTooLate t={t} />;
  if (!mayChangeAddress(order, lines)) return null;
  const member = c.get('member');
  const owner = member && order.memberId === member.id ? member : null;
  const addresses = owner ? await listAddresses(c.get('deps').db, owner.id) : [];
  const chosen = addresses.find((a) => a.id === c.req.query('book')) ?? null;
  const values = state.addressForm?.values ?? addressValues(chosen ?? orderAddress(order));
  return (
    <OrderAddressSection
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      currentCountry={order.shipCountry}
      action={atAddress(below(access.path, '/shipping-address'))}
      orderPath={access.path}
      values={values}
      errors={state.addressForm?.errors ?? {}}
      notice={
        c.req.query('shipTo') === 'changed'
          ? t('orderAddress.changed', { email: order.contactEmail })
          : undefined
      }
      error={state.addressError}
      offerInquiry={state.addressInquiry ?? false}
      addressBook={owner ? { addresses, chosenId: chosen?.id ?? null } : null}
    />
  );
}

/** Renders an order for its customer, with "Mail about this order". */
export async function showCustomerOrder(
  c: Context<AppEnv>,
  access: OrderAccess,
  state: OrderPageState = {},
) {
  const t = c.get('t');
  const locale = c.get('locale');
  const { db, clock } = c.get('deps');
  const { order, lines } = access.detail;
  const [mail, suppression] = await Promise.all([
    findOrderMail(db, order.id),
    findSuppression(db, order.contactEmail),
  ]);
  const mayCancel = customerMayCancel(order, lines, clock.now());
  // After a redirect the outcome comes back in the query.
  const notice = state.notice ?? (c.req.query('cancelled') ? t('order.cancelled') : undefined);
  const mailNotice =
    state.mailNotice ??
    (c.req.query('resent')
      ? t('orderMail.resent', { email: order.contactEmail })
      : c.req.query('contact') === 'changed'
        ? t('contactChange.done', { email: order.contactEmail })
        : undefined);
  return renderPage(
    c,
    t('order.title', { number: order.number }),
    <OrderPage
      detail={access.detail}
      t={t}
      locale={locale}
      csrf={c.get('csrfToken')}
      cancelAction={mayCancel ? below(access.path, '/cancel') : null}
      notice={notice}
      error={state.error}
      addressSection={await addressSection(c, access, state)}
      paymentNotice={
        <PaymentFixBanner
          order={order}
          t={t}
          locale={locale}
          action={below(access.path, '/payment')}
        />
      }
      mailSection={
        <OrderMailSection
          order={order}
          mail={mail}
          t={t}
          locale={locale}
          csrf={c.get('csrfToken')}
          memberEmail={access.memberEmail}
          contactBlocked={suppression !== null}
          resendAction={(id) => atMail(below(access.path, `/mail/${id}/resend`))}
          contactChangeAction={atMail(below(access.path, '/contact-email'))}
          contactForm={state.contactForm ?? { value: '' }}
          notice={mailNotice}
          error={state.mailError}
        />
      }
    />,
    state.status ?? 200,
  );
}

/** "Try again at 11:05 (26 Nov)" for a rate-limited request, with the Retry-After header. */
function retryTime(c: Context<AppEnv>, retryAfterSeconds: number): string {
  c.header('retry-after', String(retryAfterSeconds));
  const at = new Date(c.get('deps').clock.now().getTime() + retryAfterSeconds * 1000);
  return formatTokyoTime(at, c.get('locale'));
}

async function resend(c: Context<AppEnv>, access: OrderAccess) {
  const t = c.get('t');
  const deps = c.get('deps');
  const { order } = access.detail;
  const messageId = z.uuid().safeParse(c.req.param('messageId'));
  if (!messageId.success) throw notFound();
  const limited = await hitRateLimits(
    deps.db,
    [{ key: `resend:order:${order.id}`, max: RESENDS_PER_HOUR, windowSeconds: 3600 }],
    deps.clock.now(),
  );
  if (!limited.ok) {
    const time = retryTime(c, limited.retryAfterSeconds);
    return showCustomerOrder(c, access, {
      mailError: t('orderMail.resendLimited', { time }),
      status: 429,
    });
  }
  const result = await resendOrderMail(deps, { order, messageId: messageId.data });
  if (!result.ok && result.reason === 'not_found') throw notFound();
  if (!result.ok) {
    return showCustomerOrder(c, access, {
      mailError: t('orderMail.blocked', { email: order.contactEmail }),
      status: 409,
    });
  }
  return c.redirect(atMail(withParam(access.path, 'resent=1')), 303);
}

async function requestChange(c: Context<AppEnv>, access: OrderAccess) {
  const t = c.get('t');
  const deps = c.get('deps');
  const { order } = access.detail;
  const body = await c.req.parseBody();
  const typed = typeof body.email === 'string' ? body.email.slice(0, 300) : '';
  const again = (error: string | undefined, status: 400 | 429, mailError?: string) =>
    showCustomerOrder(c, access, {
      contactForm: { value: typed, error },
      status,
      ...(mailError ? { mailError } : {}),
    });
  const parsed = contactChangeInput.safeParse(body);
  if (!parsed.success)
    return again(fieldMessages(parsed.error.issues, t).email ?? t('v.email'), 400);
  const policy = await checkEmailField(c, parsed.data.email);
  if (!policy.ok) return again(policy.message, 400);
  const limited = await hitRateLimits(
    deps.db,
    [{ key: `contact-code:order:${order.id}`, max: CONTACT_CODES_PER_HOUR, windowSeconds: 3600 }],
    deps.clock.now(),
  );
  if (!limited.ok) {
    const time = retryTime(c, limited.retryAfterSeconds);
    return again(undefined, 429, t('contactChange.limited', { time }));
  }
  const result = await requestContactChange(deps, {
    order,
    newEmail: policy.email,
    locale: c.get('locale'),
  });
  if (!result.ok)
    return again(
      t(result.reason === 'same_address' ? 'contactChange.same' : 'contactChange.suppressed'),
      400,
    );
  return c.redirect(below(access.path, '/contact-email'), 303);
}

async function showCodePage(
  c: Context<AppEnv>,
  access: OrderAccess,
  state: { typed?: string; error?: string; fieldError?: string; status?: 200 | 400 | 429 } = {},
) {
  const t = c.get('t');
  const { db, clock } = c.get('deps');
  const { order } = access.detail;
  const pending = await findPendingContactChange(db, order.id, clock.now());
  return renderPage(
    c,
    t('contactChange.codeTitle'),
    <ContactCodePage
      order={order}
      pending={pending}
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      memberEmail={access.memberEmail}
      confirmAction={below(access.path, '/contact-email/confirm')}
      requestAction={atMail(below(access.path, '/contact-email'))}
      orderPath={access.path}
      typed={state.typed ?? ''}
      error={state.error}
      fieldError={state.fieldError}
    />,
    state.status ?? 200,
  );
}

async function confirmChange(c: Context<AppEnv>, access: OrderAccess) {
  const t = c.get('t');
  const body = await c.req.parseBody();
  const typed = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
  const parsed = codeInput.safeParse(body);
  if (!parsed.success)
    return showCodePage(c, access, { typed, fieldError: t('v.code'), status: 400 });
  const result = await confirmContactChange(c.get('deps'), {
    orderId: access.detail.order.id,
    code: parsed.data.code,
  });
  if (result.ok) {
    // A guest's old link stopped working with the move; the page continues on the new one.
    const path =
      result.order && access.byLink
        ? guestOrderPath(c.get('deps').secret, result.order)
        : access.path;
    return c.redirect(atMail(withParam(path, 'contact=changed')), 303);
  }
  switch (result.reason) {
    case 'wrong_code':
      return showCodePage(c, access, {
        typed,
        error: t('code.wrong', { count: result.attemptsLeft ?? 0 }),
        status: 400,
      });
    case 'too_many_attempts':
      return showCodePage(c, access, { error: t('code.tooMany'), status: 429 });
    case 'expired':
      return showCodePage(c, access, { error: t('code.expired'), status: 400 });
    default:
      return showCodePage(c, access, { error: t('code.none'), status: 400 });
  }
}

async function changeAddress(c: Context<AppEnv>, access: OrderAccess) {
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
  if (!mayChangeAddress(order, lines))
    return showCustomerOrder(c, access, { error: t('orderAddress.tooLate'), status: 409 });
  const parsed = addressInput.safeParse(typed);
  if (!parsed.success)
    return again(400, t('error.fixBelow'), { errors: fieldMessages(parsed.error.issues, t) });
  const limited = await hitRateLimits(
    deps.db,
    [{ key: `address:order:${order.id}`, max: ADDRESS_CHANGES_PER_HOUR, windowSeconds: 3600 }],
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
  switch (result.reason) {
    case 'not_found':
      throw notFound();
    case 'not_changeable': {
      // Staff moved it on meanwhile: show the order as it is now.
      const now = (await findOrderById(deps.db, order.id)) ?? access.detail;
      return showCustomerOrder(
        c,
        { ...access, detail: now },
        { error: t('orderAddress.tooLate'), status: 409 },
      );
    }
    case 'no_shipping':
      return again(409, t('orderAddress.noShipping'));
    case 'unchanged':
      return again(400, t('orderAddress.unchanged'));
    case 'domestic_only': {
      const titles = result.titles.map((title) => (c.get('locale') === 'ja' ? title.ja : title.en));
      return again(409, t('orderAddress.domesticOnly', { titles: titles.join(', ') }), {
        inquiry: true,
      });
    }
    case 'method_unavailable': {
      const method = shippingMethods[order.shippingMethod as ShippingMethodCode];
      const name = method ? (c.get('locale') === 'ja' ? method.nameJa : method.nameEn) : '';
      return again(409, t('orderAddress.methodUnavailable', { method: name }), { inquiry: true });
    }
    case 'other_zone':
      return again(409, t('orderAddress.otherZone'), { inquiry: true });
  }
}

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
  const max = step === 'send' ? { ip: 10, number: 5 } : { ip: 30, number: 15 };
  return hitRateLimits(
    c.get('deps').db,
    [
      { key: `find-order:${step}:ip:${clientAddress(c)}`, max: max.ip, windowSeconds: 3600 },
      { key: `find-order:${step}:number:${number}`, max: max.number, windowSeconds: 3600 },
    ],
    c.get('deps').clock.now(),
  );
}

export const orderRoutes = new Hono<AppEnv>()
  // Before '/orders/:number', which would otherwise take 'find' for an order number.
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
  })
  .get('/orders/:number', async (c) => showCustomerOrder(c, await guestOrderAccess(c)))
  .post('/orders/:number/cancel', async (c) => {
    const access = await guestOrderAccess(c);
    const result = await cancelOrder(c.get('deps'), {
      orderId: access.detail.order.id,
      actor: 'customer',
    });
    if (!result.ok)
      return showCustomerOrder(c, access, { error: c.get('t')('order.cannotCancel'), status: 409 });
    return c.redirect(withParam(access.path, 'cancelled=1'), 303);
  });

// The mail actions, for a member on MyPage and for a guest through the signed link alike.
for (const [prefix, load] of [
  ['/mypage/orders/:number', memberOrderAccess],
  ['/orders/:number', guestOrderAccess],
] as const) {
  orderRoutes
    .post(`${prefix}/mail/:messageId/resend`, async (c) => resend(c, await load(c)))
    .post(`${prefix}/contact-email`, async (c) => requestChange(c, await load(c)))
    .get(`${prefix}/contact-email`, async (c) => showCodePage(c, await load(c)))
    .post(`${prefix}/contact-email/confirm`, async (c) => confirmChange(c, await load(c)))
    .post(`${prefix}/shipping-address`, async (c) => changeAddress(c, await load(c)));
}
