import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { checkEmailField } from '../email-policy/email-field.ts';
import { listMemberOrders } from '../orders/find-orders.ts';
import type { AppEnv } from '../web/context.ts';
import { fieldMessages } from '../web/errors.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { confirmEmailChange } from './confirm-email-change.ts';
import { limitedMessage, typedValues } from './form-replies.ts';
import { emailChangeInput, verifyEmailInput } from './inputs.ts';
import { EMAIL_CHANGE_CONFIRM_LIMIT, EMAIL_CHANGE_REQUEST_LIMIT } from './limits.ts';
import { EmailChangePage, EmailCodePage } from './pages/email-change-pages.tsx';
import { requestEmailChange } from './request-email-change.ts';
import { findLiveCode } from './verification-codes.ts';

type Ctx = Context<AppEnv>;

const requireMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('member'))
    return c.redirect(`/account/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
  return next();
};

async function formPage(
  c: Ctx,
  state: {
    values?: Record<string, string>;
    errors?: Record<string, string>;
    message?: string;
    done?: string;
    status?: 200 | 400 | 429;
  } = {},
) {
  const t = c.get('t');
  const member = c.get('member')!;
  const orders = await listMemberOrders(c.get('deps').db, member.id);
  return renderPage(
    c,
    t('acct.email.title'),
    <EmailChangePage
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      currentEmail={member.email}
      orders={orders}
      values={state.values ?? {}}
      errors={state.errors ?? {}}
      message={state.message}
      done={state.done}
    />,
    state.status ?? 200,
  );
}

async function codePage(
  c: Ctx,
  state: { code?: string; fieldError?: string; message?: string; status?: 200 | 400 | 429 } = {},
) {
  const t = c.get('t');
  const member = c.get('member')!;
  const { db, clock } = c.get('deps');
  const pending = await findLiveCode(db, {
    purpose: 'email_change',
    subjectId: member.id,
    now: clock.now(),
  });
  const orders = await listMemberOrders(db, member.id);
  return renderPage(
    c,
    t('acct.email.codeTitle'),
    <EmailCodePage
      t={t}
      locale={c.get('locale')}
      csrf={c.get('csrfToken')}
      pending={pending}
      orders={orders}
      code={state.code ?? ''}
      fieldError={state.fieldError}
      message={state.message}
    />,
    state.status ?? 200,
  );
}

/** A member moves their account to a new address: password, then a code sent to that address. */
export const emailChangeRoutes = new Hono<AppEnv>()
  .use('/mypage/email', requireMember)
  .use('/mypage/email/*', requireMember)
  .get('/mypage/email', (c) => {
    const changed = c.req.query('changed') === '1';
    const done = changed
      ? c.get('t')('acct.email.done', { email: c.get('member')!.email })
      : undefined;
    return formPage(c, done ? { done } : {});
  })
  .post('/mypage/email', async (c) => {
    const t = c.get('t');
    const deps = c.get('deps');
    const member = c.get('member')!;
    const body = await c.req.parseBody();
    const values = typedValues(body, ['email']);
    const parsed = emailChangeInput.safeParse(body);
    // The address policy runs on every submit, whatever else is wrong.
    const policy = await checkEmailField(c, values.email ?? '');
    if (!parsed.success || !policy.ok) {
      const errors = parsed.success ? {} : fieldMessages(parsed.error.issues, t);
      if (!policy.ok) errors.email = policy.message;
      return formPage(c, { values, errors, message: t('error.fixBelow'), status: 400 });
    }
    const limited = await hitRateLimits(
      deps.db,
      [{ key: `email-change:member:${member.id}`, ...EMAIL_CHANGE_REQUEST_LIMIT }],
      deps.clock.now(),
    );
    if (!limited.ok)
      return formPage(c, {
        values,
        message: limitedMessage(c, limited.retryAfterSeconds),
        status: 429,
      });
    const result = await requestEmailChange(deps, {
      memberId: member.id,
      newEmail: policy.email,
      password: parsed.data.password,
      clientAddress: clientAddress(c),
    });
    if (!result.ok) {
      const errors: Record<string, string> =
        result.reason === 'wrong_password'
          ? { password: t('acct.email.wrongPassword') }
          : {
              email: t(
                result.reason === 'suppressed' ? 'acct.email.suppressed' : 'acct.email.same',
              ),
            };
      return formPage(c, { values, errors, message: t('error.fixBelow'), status: 400 });
    }
    return c.redirect('/mypage/email/confirm', 303);
  })
  .get('/mypage/email/confirm', (c) => codePage(c))
  .post('/mypage/email/confirm', async (c) => {
    const t = c.get('t');
    const deps = c.get('deps');
    const member = c.get('member')!;
    const body = await c.req.parseBody();
    const { code = '' } = typedValues(body, ['code']);
    const parsed = verifyEmailInput.safeParse(body);
    if (!parsed.success) return codePage(c, { code, fieldError: t('v.code'), status: 400 });
    const limited = await hitRateLimits(
      deps.db,
      [{ key: `email-confirm:member:${member.id}`, ...EMAIL_CHANGE_CONFIRM_LIMIT }],
      deps.clock.now(),
    );
    if (!limited.ok)
      return codePage(c, {
        code,
        message: limitedMessage(c, limited.retryAfterSeconds),
        status: 429,
      });
    const result = await confirmEmailChange(deps, {
      memberId: member.id,
      code: parsed.data.code,
      clientAddress: clientAddress(c),
    });
    if (result.ok) return c.redirect('/mypage/email?changed=1', 303);
    switch (result.reason) {
      case 'wrong_code':
        return codePage(c, {
          code,
          message: t('code.wrong', { count: result.attemptsLeft ?? 0 }),
          status: 400,
        });
      case 'too_many_attempts':
        return codePage(c, { message: t('code.tooMany'), status: 429 });
      case 'expired':
        return codePage(c, { message: t('code.expired'), status: 400 });
      case 'taken':
        return codePage(c, { message: t('acct.email.taken'), status: 400 });
      default:
        return codePage(c, { message: t('acct.email.noPending'), status: 400 });
    }
  });
