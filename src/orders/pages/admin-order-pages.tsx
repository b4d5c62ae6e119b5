import { MessageCardText } from '../../checkout/pages/message-card-text.tsx';
import { formatJapanTime } from '../../lib/japan-time.ts';
import { formatJpy } from '../../lib/money.ts';
import type { OrderMail } from '../../mail/find-mail.ts';
import { describeMailEvent, MailStateBadge, topicLabel } from '../../mail/pages/mail-log-parts.tsx';
import { brandNames, type CardBrand } from '../../payments/cards.ts';
import { findCountry } from '../../shipping/countries.ts';
import { type ShippingMethodCode, shippingMethods } from '../../shipping/rates.ts';
import { FilterErrors, FilterSelect, Pager } from '../../web/admin-layout.tsx';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
import { carrierCodes } from '../admin-inputs.ts';
import type { OrderDetail } from '../find-orders.ts';
import { canMove } from '../order-rules.ts';
import { stateLabels } from '../state-labels.ts';
import { type Order, type OrderEventState, type OrderState, orderStates } from '../tables.ts';
import { trackingLink } from './order-page.tsx';

/** Timeline entries that are not state changes. */
const eventLabels: Record<OrderEventState, string> = {
  ...stateLabels,
  contact_email_changed: 'Contact email changed',
  address_changed: 'Delivery address changed',
  payment_captured: 'Payment captured',
  capture_failed: 'Capture failed',
  card_changed: 'Customer entered another card',
};

const filterLabels: Record<string, string> = {
  state: 'State',
  from: 'From',
  to: 'To',
  q: 'Order number or email',
  page: 'Page',
};

/** A link to another page of the same filtered list. */
function pageHref(values: Record<string, string>, page: number) {
  const params = new URLSearchParams();
  for (const key of ['state', 'from', 'to', 'q']) if (values[key]) params.set(key, values[key]);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/orders?${query}` : '/admin/orders';
}

/** Staff's order list: filter form, one row per order, previous/next pages. */
export function OrderListPage(props: {
  orders: Order[];
  values: Record<string, string>;
  errors: Record<string, string>;
  page: number;
  hasNext: boolean;
}) {
  const { values, errors } = props;
  const failed = Object.keys(errors).length > 0;
  return (
    <section>
      <h1>Orders</h1>
      <FilterErrors errors={errors} labels={filterLabels} />
      <form method="get" action="/admin/orders" class="filters">
        <FilterSelect
          label="State"
          name="state"
          any="Any state"
          options={orderStates}
          labels={stateLabels}
          values={values}
          errors={errors}
        />
        <label>
          From (JST)
          <br />
          <input
            type="date"
            name="from"
            value={values.from ?? ''}
            aria-invalid={errors.from ? 'true' : undefined}
          />
        </label>
        <label>
          To (JST)
          <br />
          <input
            type="date"
            name="to"
            value={values.to ?? ''}
            aria-invalid={errors.to ? 'true' : undefined}
          />
        </label>
        <label>
          Order number or email
          <br />
          <input type="search" name="q" value={values.q ?? ''} />
        </label>
        <button type="submit">Filter</button>
        <a href="/admin/orders">Clear</a>
      </form>
      {!failed && props.orders.length === 0 && <p class="muted">No orders match.</p>}
      {props.orders.length > 0 && (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Number</th>
              <th>Placed (JST)</th>
              <th>Contact email</th>
              <th>State</th>
              <th class="num">Total</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.orders.map((o) => (
              <tr data-order={o.number}>
                <td>
                  <a href={`/admin/orders/${o.number}`}>{o.number}</a>
                </td>
                <td>{formatJapanTime(o.createdAt)}</td>
                <td>{o.contactEmail}</td>
                <td>
                  <span class={`badge state-${o.state}`}>{stateLabels[o.state]}</span>
                </td>
                <td class="num">{formatJpy(o.totalJpy, 'en')}</td>
                <td>
                  <a href={`/admin/orders/${o.number}`}>Details</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={props.page} hasNext={props.hasNext} href={(p) => pageHref(values, p)} />
    </section>
  );
}

export interface OrderActions {
  move: boolean;
  cancel: boolean;
}

/** One order with everything staff need, and the actions its state and the staff role allow. */
export function OrderDetailPage(props: {
  detail: OrderDetail;
  csrf: string;
  actions: OrderActions;
  /** The order's mail, for roles that may see the delivery log. */
  mail?: { mails: OrderMail[]; canManage: boolean } | null;
  notice?: string | undefined;
  error?: string | undefined;
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { order, lines, events } = props.detail;
  // The carrier the customer chose is the likely one, so the form starts there.
  const values: Record<string, string> = { carrier: order.shippingMethod, ...props.values };
  const errors = props.errors ?? {};
  const base = `/admin/orders/${order.number}`;
  const country = findCountry(order.shipCountry);
  const method = shippingMethods[order.shippingMethod as ShippingMethodCode];
  const tracking = trackingLink(order.carrier, order.trackingNumber);
  const can = (to: OrderState) => canMove(order.state, to);
  return (
    <section>
      <p>
        <a href="/admin/orders">← Orders</a>
      </p>
      <h1>
        Order {order.number}{' '}
        <span class={`badge state-${order.state}`} data-state={order.state}>
          {stateLabels[order.state]}
        </span>
      </h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <div class="admin-columns">
        <div>
          <h2>Items</h2>
          <table class="admin-table">
            <thead>
              <tr>
                <th>SKU</th>
                <th>Item</th>
                <th class="num">Unit</th>
                <th class="num">Qty</th>
                <th class="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr>
                  <td>{l.sku}</td>
                  <td>
                    {l.titleEn}
                    <div class="muted" lang="ja">
                      {l.titleJa}
                    </div>
                    {l.isPreorder && (
                      <div class="badge preorder">Pre-order · release {l.releaseMonth ?? '?'}</div>
                    )}
                  </td>
                  <td class="num">{formatJpy(l.unitPriceJpy, 'en')}</td>
                  <td class="num">{l.quantity}</td>
                  <td class="num">{formatJpy(l.unitPriceJpy * l.quantity, 'en')}</td>
                </tr>
              ))}
              <tr>
                <td colspan={4}>Subtotal</td>
                <td class="num">{formatJpy(order.subtotalJpy, 'en')}</td>
              </tr>
              <tr>
                <td colspan={4}>Shipping ({method?.nameEn ?? order.shippingMethod})</td>
                <td class="num">{formatJpy(order.shippingFeeJpy, 'en')}</td>
              </tr>
              {order.giftWrap && (
                <tr class="gift-wrap-fee">
                  <td colspan={4}>Gift wrapping</td>
                  <td class="num">{formatJpy(order.giftWrapJpy, 'en')}</td>
                </tr>
              )}
              <tr>
                <th colspan={4}>Total (tax included)</th>
                <td class="num">
                  <strong>{formatJpy(order.totalJpy, 'en')}</strong>
                </td>
              </tr>
            </tbody>
          </table>

          {(order.giftWrap || order.messageCard) && (
            <section class="gift-options">
              <h2>Gift options</h2>
              <dl class="facts">
                <dt>Gift wrapping</dt>
                <dd>{order.giftWrap ? 'Yes: wrap the whole order' : 'No'}</dd>
                <dt>Message card (print and enclose)</dt>
                <dd>{order.messageCard ? <MessageCardText text={order.messageCard} /> : 'None'}</dd>
              </dl>
            </section>
          )}

          <h2>Timeline</h2>
          <table class="admin-table">
            <thead>
              <tr>
                <th>When (JST)</th>
                <th>State</th>
                <th>By</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr data-event={e.state}>
                  <td>{formatJapanTime(e.at)}</td>
                  <td>{eventLabels[e.state] ?? e.state}</td>
                  <td>{e.actor}</td>
                  <td>{e.note}</td>
                </tr>
              ))}
            </tbody>
          </table>

          {props.mail && (
            <OrderMailSection
              orderNumber={order.number}
              mails={props.mail.mails}
              csrf={props.csrf}
              canManage={props.mail.canManage}
            />
          )}
        </div>

        <div>
          <h2>Customer</h2>
          <dl class="facts">
            <dt>Contact email</dt>
            <dd>
              <a href={`mailto:${order.contactEmail}`}>{order.contactEmail}</a>
            </dd>
            <dt>Account</dt>
            <dd>{order.memberId ? 'Member' : 'Guest'}</dd>
            <dt>Language</dt>
            <dd>{order.locale === 'ja' ? 'Japanese' : 'English'}</dd>
            <dt>Placed</dt>
            <dd>{formatJapanTime(order.createdAt)} JST</dd>
          </dl>
          <h2>Ship to</h2>
          <address>
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
            {order.shipCity} {order.shipRegion} {order.shipPostalCode}
            <br />
            {country?.nameEn ?? order.shipCountry}
            <br />
            {order.shipPhone}
          </address>
          <h2>Payment</h2>
          <dl class="facts">
            {order.paymentProvider === 'paypal' ? (
              <>
                <dt>Method</dt>
                <dd>PayPal</dd>
                <dt>PayPal capture id</dt>
                <dd class="paypal-capture">
                  <code>{order.paymentRef}</code>
                </dd>
              </>
            ) : (
              <>
                <dt>Card</dt>
                <dd>
                  {order.cardBrand
                    ? (brandNames[order.cardBrand as CardBrand] ?? order.cardBrand)
                    : '—'}{' '}
                  {order.cardLast4 ? `•••• ${order.cardLast4}` : ''}
                </dd>
              </>
            )}
            <dt>Payment state</dt>
            <dd data-payment-state={order.paymentState}>{order.paymentState}</dd>
            <dt>Provider</dt>
            <dd>
              {order.paymentProvider} <span class="muted">{order.paymentRef}</span>
            </dd>
          </dl>
          {order.trackingNumber && (
            <>
              <h2>Shipment</h2>
              <p>
                {tracking?.name ?? order.carrier} {order.trackingNumber}{' '}
                {tracking?.url && (
                  <a href={tracking.url} rel="noopener noreferrer" target="_blank">
                    Track
                  </a>
                )}
              </p>
            </>
          )}

          <h2>Actions</h2>
          <div class="admin-actions">
            {props.actions.move && can('preparing') && (
              <form method="post" action={`${base}/prepare`}>
                <Csrf token={props.csrf} />
                <button type="submit">Start preparing</button>
              </form>
            )}
            {props.actions.move && can('shipped') && (
              <form method="post" action={`${base}/ship`} class="stack">
                <Csrf token={props.csrf} />
                <label>
                  Carrier
                  <select name="carrier" aria-invalid={errors.carrier ? 'true' : undefined}>
                    {carrierCodes.map((code) => (
                      <option value={code} selected={values.carrier === code}>
                        {shippingMethods[code].nameEn}
                      </option>
                    ))}
                  </select>
                  <FieldError message={errors.carrier} />
                </label>
                <label>
                  Tracking number
                  <input
                    name="trackingNumber"
                    value={values.trackingNumber ?? ''}
                    required
                    minlength={4}
                    maxlength={40}
                    pattern="[A-Za-z0-9\-]{4,40}"
                    aria-invalid={errors.trackingNumber ? 'true' : undefined}
                  />
                  <FieldError message={errors.trackingNumber} />
                </label>
                <div>
                  <button type="submit">Ship (captures the payment)</button>
                </div>
              </form>
            )}
            {props.actions.move && can('delivered') && (
              <form method="post" action={`${base}/deliver`}>
                <Csrf token={props.csrf} />
                <button type="submit">Mark delivered</button>
              </form>
            )}
            {props.actions.cancel && can('cancelled') && (
              <form method="post" action={`${base}/cancel`} class="stack">
                <Csrf token={props.csrf} />
                <label>
                  Reason for cancelling
                  <span class="help">
                    Kept in the timeline; the customer gets the usual cancellation mail.
                  </span>
                  <textarea
                    name="reason"
                    rows={2}
                    required
                    maxlength={500}
                    aria-invalid={errors.reason ? 'true' : undefined}
                  >
                    {values.reason ?? ''}
                  </textarea>
                  <FieldError message={errors.reason} />
                </label>
                <div>
                  <button type="submit" class="danger">
                    Cancel order
                  </button>
                </div>
              </form>
            )}
            {!hasAnyAction(order.state, props.actions) && !props.mail?.canManage && (
              <p class="muted">Nothing to do for this order in its current state.</p>
            )}
            {props.mail?.canManage && (
              <ContactEmailForm
                orderNumber={order.number}
                current={order.contactEmail}
                csrf={props.csrf}
                values={values}
                errors={errors}
              />
            )}
          </div>
        </div>
      </div>
    </section>
  );
}

function hasAnyAction(state: OrderState, actions: OrderActions) {
  const moves = (['preparing', 'shipped', 'delivered'] as const).some((to) => canMove(state, to));
  return (actions.move && moves) || (actions.cancel && canMove(state, 'cancelled'));
}

/** "Mail about this order" on the admin order page. */
export function OrderMailSection(props: {
  orderNumber: string;
  mails: OrderMail[];
  csrf: string;
  canManage: boolean;
}) {
  const base = `/admin/orders/${props.orderNumber}`;
  return (
    <>
      <h2 id="mail">Mail about this order</h2>
      {props.mails.length === 0 ? (
        <p class="muted">No mail about this order yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Type</th>
              <th>Recipient</th>
              <th>State</th>
              <th>Sent (JST)</th>
              <th>Last event</th>
              {props.canManage && <th />}
            </tr>
          </thead>
          <tbody>
            {props.mails.map((m) => (
              <tr data-order-mail={m.id}>
                <td>
                  <a href={`/admin/mail/${m.id}`}>{topicLabel(m.topic)}</a>
                  {m.resendOf && <div class="muted">resend</div>}
                </td>
                <td>{m.recipient}</td>
                <td>
                  <MailStateBadge state={m.state} />
                </td>
                <td>{m.sentAt ? formatJapanTime(m.sentAt) : '—'}</td>
                <td>
                  {m.lastEvent && (
                    <>
                      {formatJapanTime(m.lastEvent.at)} · {describeMailEvent(m.lastEvent).summary}
                    </>
                  )}
                </td>
                {props.canManage && (
                  <td>
                    <form method="post" action={`${base}/mail/${m.id}/resend`} class="inline">
                      <Csrf token={props.csrf} />
                      <button type="submit" class="secondary">
                        Resend
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The form on the order page that moves the order's mail to another address. */
export function ContactEmailForm(props: {
  orderNumber: string;
  current: string;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  return (
    <form
      method="post"
      action={`/admin/orders/${props.orderNumber}/contact-email`}
      class="stack"
      id="contact-email"
    >
      <Csrf token={props.csrf} />
      <label>
        Change contact email
        <span class="help">
          This order's mail goes to the new address from now on and the confirmation is sent there
          again. The customer's account email does not change. Now: {props.current}
        </span>
        <input
          type="email"
          name="email"
          value={props.values.email ?? ''}
          required
          maxlength={254}
          aria-invalid={props.errors.email ? 'true' : undefined}
        />
        <FieldError message={props.errors.email} />
      </label>
      <div>
        <button type="submit">Change and resend the confirmation</button>
      </div>
    </form>
  );
}
