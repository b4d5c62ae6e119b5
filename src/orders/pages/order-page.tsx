import type { Child } from 'hono/jsx';
import { MessageCardText } from '../../checkout/pages/message-card-text.tsx';
import { formatJpy } from '../../lib/money.ts';
import { brandNames } from '../../payments/cards.ts';
import { findCountry } from '../../shipping/countries.ts';
import { type ShippingMethodCode, shippingMethods } from '../../shipping/rates.ts';
import { formatDate, formatMonth, type Locale, type Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';
import type { OrderDetail } from '../find-orders.ts';
import { timelineStates } from '../order-rules.ts';

/** Carrier name and tracking link for a shipped order, if the carrier is one we know. */
export function trackingLink(carrier: ShippingMethodCode | null, number: string | null) {
  if (!carrier || !number) return null;
  const method = shippingMethods[carrier];
  return method
    ? { name: method.nameEn, url: method.carrierTrackingUrl(number) }
    : { name: carrier, url: null };
}

function Timeline({ detail, t, locale }: { detail: OrderDetail; t: Translate; locale: Locale }) {
  const { order, events } = detail;
  const reached = new Map(events.map((e) => [e.state, e]));
  const states =
    order.state === 'cancelled'
      ? [...timelineStates.filter((s) => reached.has(s)), 'cancelled' as const]
      : timelineStates;
  const tracking = trackingLink(order.carrier, order.trackingNumber);
  return (
    <ol class="timeline" aria-label={t('order.status')}>
      {states.map((state) => {
        const event = reached.get(state);
        return (
          <li
            class={`${event ? 'done' : ''} ${state === 'cancelled' ? 'cancelled' : ''}`}
            data-state={state}
          >
            <strong>{t(`state.${state}`)}</strong>
            {event && <span class="muted"> · {formatDate(event.at, locale, true)}</span>}
            {state === 'shipped' && event && tracking && (
              <div>
                {t('order.tracking', { carrier: tracking.name, number: order.trackingNumber! })}{' '}
                {tracking.url && (
                  <a
                    href={tracking.url}
                    rel="noopener noreferrer"
                    target="_blank"
                    class="tracking-link"
                  >
                    {t('order.track')}
                  </a>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Changes that are not steps of the lifecycle (a new delivery address), oldest first. */
function ChangeHistory({
  detail,
  t,
  locale,
}: {
  detail: OrderDetail;
  t: Translate;
  locale: Locale;
}) {
  const changes = detail.events.filter((e) => e.state === 'address_changed');
  if (changes.length === 0) return null;
  return (
    <>
      <h3>{t('orderAddress.history')}</h3>
      <ol class="timeline order-changes" aria-label={t('orderAddress.history')}>
        {changes.map((e) => (
          <li class="done" data-event={e.state}>
            <strong>{t('orderAddress.event')}</strong>
            <span class="muted"> · {formatDate(e.at, locale, true)}</span>
            <div class="muted">{e.note}</div>
          </li>
        ))}
      </ol>
    </>
  );
}

/** An order as its customer sees it, on MyPage or through a guest's signed link. */
export function OrderPage(props: {
  detail: OrderDetail;
  t: Translate;
  locale: Locale;
  csrf: string;
  cancelAction: string | null;
  notice?: string | undefined;
  error?: string | undefined;
  /** "Mail about this order" (see order-mail.tsx). */
  mailSection?: Child;
  /** "Change the delivery address" (see order-address.tsx), while the order allows it. */
  addressSection?: Child;
  /** "Payment failed: enter another card" (see payments/pages/fix-payment-page.tsx). */
  paymentNotice?: Child;
}) {
  const { detail, t, locale } = props;
  const { order, lines } = detail;
  const country = findCountry(order.shipCountry);
  return (
    <section>
      <h1>{t('order.title', { number: order.number })}</h1>
      <p class="muted">
        {t('order.placedAt', { date: formatDate(order.createdAt, locale, true) })}
      </p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.paymentNotice}
      <h2>{t('order.status')}</h2>
      <Timeline detail={detail} t={t} locale={locale} />
      <ChangeHistory detail={detail} t={t} locale={locale} />
      <h2>{t('order.items')}</h2>
      <table>
        <tbody>
          {lines.map((l) => (
            <tr>
              <td>
                {locale === 'ja' ? l.titleJa : l.titleEn} × {l.quantity}
                {l.isPreorder && l.releaseMonth && (
                  <div class="muted">
                    {t('order.preorderLine', { month: formatMonth(l.releaseMonth, locale) })}
                  </div>
                )}
              </td>
              <td class="num">{formatJpy(l.unitPriceJpy * l.quantity, locale)}</td>
            </tr>
          ))}
          <tr>
            <td>{t('cart.subtotal')}</td>
            <td class="num">{formatJpy(order.subtotalJpy, locale)}</td>
          </tr>
          <tr>
            <td>{t('checkout.shippingFee')}</td>
            <td class="num">{formatJpy(order.shippingFeeJpy, locale)}</td>
          </tr>
          {order.giftWrap && (
            <tr class="gift-wrap-fee">
              <td>{t('gift.wrapFee')}</td>
              <td class="num">{formatJpy(order.giftWrapJpy, locale)}</td>
            </tr>
          )}
          <tr>
            <th>{t('checkout.total')}</th>
            <td class="num">
              <strong>{formatJpy(order.totalJpy, locale)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <div class="row order-parties">
        <div>
          <h2>{t('order.shipTo')}</h2>
          <p class="ship-to">
            {order.shipName}
            <br />
            {order.shipLine1}
            {order.shipLine2 && (
              <>
                <br />
                {order.shipLine2}
              </>
            )}
            <br />
            {[order.shipCity, order.shipRegion, order.shipPostalCode].filter(Boolean).join(', ')}
            <br />
            {country ? (locale === 'ja' ? country.nameJa : country.nameEn) : order.shipCountry}
          </p>
        </div>
        <div>
          <h2>{t('order.contactEmail')}</h2>
          <p class="contact-email">{order.contactEmail}</p>
          <h2>{t('order.payment')}</h2>
          {order.paymentProvider === 'paypal' ? (
            <>
              <p class="payment-method">{t('order.paypal')}</p>
              <p class="muted paypal-capture">
                {t('order.paypalCapture', { id: order.paymentRef })}
              </p>
              {order.paymentState === 'waiting' && <p>{t('order.paypalWaiting')}</p>}
              {order.paymentState === 'refund_pending' && (
                <p class="paypal-refund">{t('order.paypalRefunding')}</p>
              )}
              {order.paymentState === 'refunded' && (
                <p class="paypal-refund">{t('order.paypalRefunded')}</p>
              )}
            </>
          ) : (
            <p>
              {order.cardBrand && (brandNames[order.cardBrand] ?? order.cardBrand)} ••••{' '}
              {order.cardLast4}
            </p>
          )}
        </div>
      </div>
      {(order.giftWrap || order.messageCard) && (
        <div class="gift-options">
          <h2>{t('gift.orderHeading')}</h2>
          {order.giftWrap && <p>{t('gift.orderWrapped')}</p>}
          {order.messageCard && (
            <>
              <h3>{t('gift.orderCard')}</h3>
              <MessageCardText text={order.messageCard} />
            </>
          )}
        </div>
      )}
      {props.addressSection}
      {props.mailSection}
      {props.cancelAction && (
        <form method="post" action={props.cancelAction}>
          <Csrf token={props.csrf} />
          <p class="muted">
            {t(
              order.paymentProvider === 'paypal'
                ? 'order.cancelConfirmPaypal'
                : 'order.cancelConfirm',
            )}
          </p>
          <button type="submit" class="danger">
            {t('order.cancel')}
          </button>
        </form>
      )}
    </section>
  );
}
