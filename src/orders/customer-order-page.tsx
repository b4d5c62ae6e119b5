// The order page for its customer: who may open it (the member on MyPage, a guest through the
// signed link), where it is, and its sections. The actions on it live in *-routes.tsx beside this.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listAddresses } from '../accounts/address-book.ts';
import { formatTokyoTime } from '../lib/japan-time.ts';
import { findOrderMail } from '../mail/find-order-mail.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { PaymentFixBanner } from '../payments/pages/fix-payment-page.tsx';
import type { AppEnv } from '../web/context.ts';
import { notFound } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { findMemberOrder, findOrderByNumber, type OrderDetail } from './find-orders.ts';
import {
  checkOrderAccess,
  GUEST_LINK_DAYS,
  guestOrderPath,
  memberOrderPath,
} from './order-access.ts';
import { customerMayCancel, mayChangeAddress, shipsParcel } from './order-rules.ts';
import { OrderLinkGonePage } from './pages/find-order-pages.tsx';
import { ADDRESS_SECTION_ID, AddressTooLate, OrderAddressSection } from './pages/order-address.tsx';
import { MAIL_SECTION_ID, OrderMailSection } from './pages/order-mail.tsx';
import { OrderPage } from './pages/order-page.tsx';
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

/** The path with one more query parameter, keeping the guest's key. */
export function withParam(path: string, param: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${param}`;
}

/** Lands on the mail section, so the customer sees the outcome without scrolling. */
export const atMail = (path: string) => `${path}#${MAIL_SECTION_ID}`;
/** Lands on the address section, for the same reason. */
export const atAddress = (path: string) => `${path}#${ADDRESS_SECTION_ID}`;

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

export interface OrderPageState {
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
export function retryTime(c: Context<AppEnv>, retryAfterSeconds: number): string {
  c.header('retry-after', String(retryAfterSeconds));
  const at = new Date(c.get('deps').clock.now().getTime() + retryAfterSeconds * 1000);
  return formatTokyoTime(at, c.get('locale'));
}
