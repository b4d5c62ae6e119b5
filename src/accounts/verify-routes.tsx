import { type Context, Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { renderPage } from '../web/layout.tsx';
import { clientAddress, hitRateLimits } from '../web/rate-limit.ts';
import { limitedMessage, retryTime, typedValues } from './form-replies.ts';
import { verifyEmailInput } from './inputs.ts';
import { VERIFY_LIMIT, VERIFY_RESEND_LIMIT } from './limits.ts';
import {
  clearPendingVerification,
  findPendingRegistration,
  type PendingRegistration,
  startMemberSession,
} from './member-cookies.ts';
import { VerifyPage } from './pages/verify-pages.tsx';
import { refuseDecoyCode, resendDecoyCode } from './registration-decoys.ts';
import { resendRegistrationCode } from './send-registration-code.ts';
import { openMemberSession } from './sign-in.ts';
import { verifyEmail } from './verify-email.ts';

function showVerify(
  c: Context<AppEnv>,
  pending: PendingRegistration,
  state: {
    notice?: 'sent' | 'needed' | 'resent';
    code?: string;
    fieldError?: string;
    message?: string;
    status?: 200 | 400 | 429;
  } = {},
) {
  const t = c.get('t');
  return renderPage(
    c,
    t('acct.verify.title'),
    <VerifyPage
      t={t}
      csrf={c.get('csrfToken')}
      email={pending.email}
      notice={state.notice ?? 'sent'}
      code={state.code ?? ''}
      fieldError={state.fieldError}
      message={state.message}
    />,
    state.status ?? 200,
  );
}

function noticeFrom(query: string | undefined): 'sent' | 'needed' | 'resent' {
  return query === 'needed' || query === 'resent' ? query : 'sent';
}

/**
 * Registration's last step: the code mailed to the new address, then the member is signed in. A
 * decoy registration (its email belongs to a member) gets the same pages, and no code works.
 */
export const verifyRoutes = new Hono<AppEnv>()
  .get('/account/verify', async (c) => {
    const pending = await findPendingRegistration(c);
    if (!pending) return c.redirect(c.get('member') ? '/mypage' : '/account/sign-in', 303);
    return showVerify(c, pending, { notice: noticeFrom(c.req.query('notice')) });
  })
  .post('/account/verify', async (c) => {
    const t = c.get('t');
    const deps = c.get('deps');
    const pending = await findPendingRegistration(c);
    if (!pending) return c.redirect(c.get('member') ? '/mypage' : '/account/sign-in', 303);
    const body = await c.req.parseBody();
    const { code = '' } = typedValues(body, ['code']);
    const parsed = verifyEmailInput.safeParse(body);
    if (!parsed.success)
      return showVerify(c, pending, { code, fieldError: t('v.code'), status: 400 });
    const limited = await hitRateLimits(
      deps.db,
      [{ key: `verify:ip:${clientAddress(c)}`, ...VERIFY_LIMIT }],
      deps.clock.now(),
    );
    if (!limited.ok)
      return showVerify(c, pending, {
        code,
        message: limitedMessage(c, limited.retryAfterSeconds),
        status: 429,
      });
    // A decoy (the address belongs to someone else) answers every code like a wrong one.
    const result =
      pending.kind === 'decoy'
        ? await refuseDecoyCode(deps, { decoyId: pending.id, code: parsed.data.code })
        : await verifyEmail(deps, {
            memberId: pending.id,
            code: parsed.data.code,
            clientAddress: clientAddress(c),
          });
    if (result.ok) {
      const token = await openMemberSession(deps, result.member, c.get('visitorId'));
      await startMemberSession(c, token);
      clearPendingVerification(c);
      return c.redirect('/mypage', 303);
    }
    switch (result.reason) {
      case 'wrong_code':
        return showVerify(c, pending, {
          code,
          message: t('code.wrong', { count: result.attemptsLeft ?? 0 }),
          status: 400,
        });
      case 'too_many_attempts':
        return showVerify(c, pending, { message: t('code.tooMany'), status: 429 });
      case 'expired':
        return showVerify(c, pending, { message: t('code.expired'), status: 400 });
      default:
        return showVerify(c, pending, { message: t('code.none'), status: 400 });
    }
  })
  .post('/account/verify/resend', async (c) => {
    const deps = c.get('deps');
    const pending = await findPendingRegistration(c);
    if (!pending) return c.redirect(c.get('member') ? '/mypage' : '/account/sign-in', 303);
    const limited = await hitRateLimits(
      deps.db,
      [{ key: `verify-resend:member:${pending.id}`, ...VERIFY_RESEND_LIMIT }],
      deps.clock.now(),
    );
    if (!limited.ok) {
      const time = retryTime(c, limited.retryAfterSeconds);
      const message = c.get('t')('acct.verify.resendLimited', { time });
      return showVerify(c, pending, { message, status: 429 });
    }
    if (pending.kind === 'decoy') await resendDecoyCode(deps, { decoyId: pending.id });
    else await resendRegistrationCode(deps, { memberId: pending.id });
    return c.redirect('/account/verify?notice=resent', 303);
  });
