import { type Context, Hono } from 'hono';
import { loadPage } from '../lib/paging.ts';
import { isMessageId, listOrderMail } from '../mail/find-mail.ts';
import { resendMail } from '../mail/resend-mail.ts';
import { allow, staffActor, typedValues } from '../staff/access.ts';
import { may } from '../staff/permissions.ts';
import { type AdminStatus, renderAdminMessage, renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { cancelInput, contactEmailInput, orderFilterInput, shipInput } from './admin-inputs.ts';
import type { AdvanceResult } from './advance-order.ts';
import { markDelivered, markPreparing, shipOrder } from './advance-order.ts';
import { cancelOrder } from './cancel-order.ts';
import { changeOrderContactEmail } from './change-contact-email.ts';
import { findOrderByNumber, type OrderDetail, searchOrders } from './find-orders.ts';
import { OrderDetailPage, OrderListPage } from './pages/admin-order-pages.tsx';
import { stateLabels } from './state-labels.ts';

/** What the notice says after each action; the key travels in `?done=`. */
const doneNotices: Record<string, string> = {
  preparing: 'The order is now being prepared.',
  shipped: 'The order is shipped: payment captured and the shipping mail queued.',
  delivered: 'The order is marked delivered.',
  cancelled: 'The order is cancelled: stock returned and the card authorisation released.',
  contact_changed:
    'The contact email is changed and the order confirmation is queued to the new address.',
  resent: 'Resend queued: the new message is listed under "Mail about this order".',
};

type Ctx = Context<AppEnv>;

async function loadOrder(c: Ctx): Promise<OrderDetail | null> {
  const number = (c.req.param('number') ?? '').trim().toUpperCase();
  return findOrderByNumber(c.get('deps').db, number);
}

const orderNotFound = (c: Ctx) =>
  renderAdminMessage(c, 404, 'Order not found', 'There is no order with that number.');

/** The detail page, after a GET or a failed action. */
async function showOrder(
  c: Ctx,
  detail: OrderDetail,
  extra: {
    notice?: string | undefined;
    error?: string;
    values?: Record<string, string>;
    errors?: Record<string, string>;
  } = {},
  status: AdminStatus = 200,
) {
  const role = c.get('staff')!.role;
  const mail = may(role, 'view_mail_log')
    ? {
        mails: await listOrderMail(c.get('deps').db, detail.order.id),
        canManage: may(role, 'manage_mail'),
      }
    : null;
  return renderAdminPage(
    c,
    `Order ${detail.order.number}`,
    <OrderDetailPage
      detail={detail}
      csrf={c.get('csrfToken')}
      actions={{ move: may(role, 'move_orders'), cancel: may(role, 'cancel_orders') }}
      mail={mail}
      {...extra}
    />,
    status,
  );
}

/** Why an action was refused, in words staff can act on. */
function failureMessage(result: Exclude<AdvanceResult, { ok: true }>, detail: OrderDetail) {
  const state = stateLabels[detail.order.state];
  if (result.reason === 'capture_failed')
    return `The payment could not be captured (${result.detail ?? 'unknown reason'}), so the order was not shipped.`;
  return `This order is "${state}" now, so that step is not possible. The page shows its current state.`;
}

/** Runs an order action; 303 back to the order on success, 409 with the reason on failure. */
async function afterAction(c: Ctx, number: string, result: AdvanceResult, done: string) {
  if (result.ok) return c.redirect(`/admin/orders/${number}?done=${done}`, 303);
  const detail = await findOrderByNumber(c.get('deps').db, number);
  if (!detail || result.reason === 'not_found') return orderNotFound(c);
  return showOrder(c, detail, { error: failureMessage(result, detail) }, 409);
}

export const orderAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('view_orders'))
  .get('/', async (c) => {
    const values = c.req.query();
    const parsed = orderFilterInput.safeParse(values);
    if (!parsed.success) {
      return renderAdminPage(
        c,
        'Orders',
        <OrderListPage
          orders={[]}
          values={values}
          errors={fieldMessages(parsed.error.issues)}
          page={1}
          hasNext={false}
        />,
        400,
      );
    }
    const { page, ...search } = parsed.data;
    const { rows, hasNext } = await loadPage(page, (limit, offset) =>
      searchOrders(c.get('deps').db, { ...search, limit, offset }),
    );
    return renderAdminPage(
      c,
      'Orders',
      <OrderListPage orders={rows} values={values} errors={{}} page={page} hasNext={hasNext} />,
    );
  })
  .get('/:number', async (c) => {
    const detail = await loadOrder(c);
    if (!detail) return orderNotFound(c);
    return showOrder(c, detail, { notice: doneNotices[c.req.query('done') ?? ''] });
  })
  .post('/:number/prepare', allow('move_orders'), async (c) => {
    const detail = await loadOrder(c);
    if (!detail) return orderNotFound(c);
    const actor = staffActor(c.get('staff')!.email);
    const result = await markPreparing(c.get('deps'), detail.order.id, actor);
    return afterAction(c, detail.order.number, result, 'preparing');
  })
  .post('/:number/ship', allow('move_orders'), async (c) => {
    const detail = await loadOrder(c);
    if (!detail) return orderNotFound(c);
    const body = await c.req.parseBody();
    const parsed = shipInput.safeParse(body);
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues);
      const values = typedValues(body);
      return showOrder(c, detail, { error: 'Check the shipment details.', values, errors }, 400);
    }
    const result = await shipOrder(c.get('deps'), {
      orderId: detail.order.id,
      ...parsed.data,
      actor: staffActor(c.get('staff')!.email),
    });
    return afterAction(c, detail.order.number, result, 'shipped');
  })
  .post('/:number/deliver', allow('move_orders'), async (c) => {
    const detail = await loadOrder(c);
    if (!detail) return orderNotFound(c);
    const actor = staffActor(c.get('staff')!.email);
    const result = await markDelivered(c.get('deps'), detail.order.id, actor);
    return afterAction(c, detail.order.number, result, 'delivered');
  })
  .post('/:number/cancel', allow('cancel_orders'), async (c) => {
    const detail = await loadOrder(c);
    if (!detail) return orderNotFound(c);
    const body = await c.req.parseBody();
    const parsed = cancelInput.safeParse(body);
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues);
      return showOrder(
        c,
        detail,
        { error: 'Give a reason.', values: typedValues(body), errors },
        400,
      );
    }
    const result = await cancelOrder(c.get('deps'), {
      orderId: detail.order.id,
      actor: staffActor(c.get('staff')!.email),
      reason: parsed.data.reason,
    });
    if (result.ok) return c.redirect(`/admin/orders/${detail.order.number}?done=cancelled`, 303);
    const now = await loadOrder(c);
    if (!now) return orderNotFound(c);
    const state = stateLabels[now.order.state];
    return showOrder(
      c,
      now,
      { error: `This order is "${state}" now and can no longer be cancelled.` },
      409,
    );
  })
  .post('/:number/contact-email', allow('manage_mail'), async (c) => {
    const detail = await loadOrder(c);
    if (!detail) return orderNotFound(c);
    const body = await c.req.parseBody();
    const parsed = contactEmailInput.safeParse(body);
    const values = typedValues(body);
    if (!parsed.success) {
      const errors = fieldMessages(parsed.error.issues);
      return showOrder(c, detail, { error: 'Check the new address.', values, errors }, 400);
    }
    const result = await changeOrderContactEmail(c.get('deps'), {
      orderId: detail.order.id,
      newEmail: parsed.data.email,
      actor: staffActor(c.get('staff')!.email),
    });
    if (result.ok)
      return c.redirect(`/admin/orders/${detail.order.number}?done=contact_changed`, 303);
    if (result.reason === 'not_found') return orderNotFound(c);
    const errors = { email: 'That is already the contact email of this order.' };
    return showOrder(c, detail, { error: 'Nothing changed.', values, errors }, 400);
  })
  .post('/:number/mail/:id/resend', allow('manage_mail'), async (c) => {
    const detail = await loadOrder(c);
    if (!detail) return orderNotFound(c);
    const id = c.req.param('id');
    // Only this order's own mail can be resent from its page.
    const mails = isMessageId(id) ? await listOrderMail(c.get('deps').db, detail.order.id) : [];
    if (!mails.some((m) => m.id === id))
      return renderAdminMessage(c, 404, 'Message not found', 'This order has no such message.');
    const result = await resendMail(c.get('deps'), {
      messageId: id,
      actor: staffActor(c.get('staff')!.email),
    });
    if (!result.ok) return orderNotFound(c);
    return c.redirect(`/admin/orders/${detail.order.number}?done=resent#mail`, 303);
  });
