// The mail actions on an order page: send a mail again, and move the order's mail to another
// address (a code to the new address, then the code typed in).
import type { Context } from 'hono';
import { z } from 'zod';
import { checkEmailField } from '../email-policy/email-field.ts';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages, notFound } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { hitRateLimits } from '../web/rate-limit.ts';
import { confirmContactChange } from './confirm-contact-change.ts';
import {
  atMail,
  below,
  type OrderAccess,
  retryTime,
  showCustomerOrder,
  withParam,
} from './customer-order-page.tsx';
import { codeInput, contactChangeInput } from './inputs.ts';
import { CONTACT_CODE_LIMIT, ORDER_MAIL_RESEND_LIMIT } from './limits.ts';
import { guestOrderPath } from './order-access.ts';
import { ContactCodePage } from './pages/order-mail.tsx';
import { contactChangeRefusal, contactCodeRefusal, resendRefusal } from './pages/refusals.ts';
import { findPendingContactChange, requestContactChange } from './request-contact-change.ts';
import { resendOrderMail } from './resend-order-mail.ts';

/** Sends one of the order's mails again, unless the order asked too often or the address is suppressed. */
export async function resend(c: Context<AppEnv>, access: OrderAccess) {
  const t = c.get('t');
  const deps = c.get('deps');
  const { order } = access.detail;
  const messageId = z.uuid().safeParse(c.req.param('messageId'));
  if (!messageId.success) throw notFound();
  const limited = await hitRateLimits(
    deps.db,
    [{ key: `resend:order:${order.id}`, ...ORDER_MAIL_RESEND_LIMIT }],
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
    const refusal = resendRefusal(t, order);
    return showCustomerOrder(c, access, { mailError: refusal.message, status: refusal.status });
  }
  return c.redirect(atMail(withParam(access.path, 'resent=1')), 303);
}

/** Sends a code to the address the customer wants the order's mail moved to. */
export async function requestChange(c: Context<AppEnv>, access: OrderAccess) {
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
    [{ key: `contact-code:order:${order.id}`, ...CONTACT_CODE_LIMIT }],
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
  if (!result.ok) {
    const refusal = contactChangeRefusal(t, result.reason);
    return again(refusal.message, refusal.status);
  }
  return c.redirect(below(access.path, '/contact-email'), 303);
}

/** The page where the customer types that code. */
export async function showCodePage(
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

/** Checks the typed code and, when right, moves the order's mail to the new address. */
export async function confirmChange(c: Context<AppEnv>, access: OrderAccess) {
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
  const refusal = contactCodeRefusal(t, result);
  return showCodePage(c, access, {
    ...(refusal.keepTyped ? { typed } : {}),
    error: refusal.message,
    status: refusal.status,
  });
}
