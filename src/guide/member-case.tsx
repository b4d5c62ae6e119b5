import type { Context } from 'hono';
import { MailProblemNotice } from '../accounts/pages/account-pages.tsx';
import { CHANGE_EMAIL_PATH } from '../accounts/pages/profile-pages.tsx';
import { problemMessage } from '../email-policy/messages.ts';
import { senderAddress } from '../mail/identity.ts';
import { memberOrderPath } from '../orders/order-access.ts';
import { MAIL_SECTION_ID, MailList } from '../orders/pages/order-mail.tsx';
import type { AppEnv } from '../web/context.ts';
import { Notice } from '../web/layout.tsx';
import { findMemberCase, type MemberCase } from './find-member-case.ts';

/** The flagship article, "If you do not receive an email", which shows this panel. */
export const MISSING_EMAIL_SLUG = 'if-you-do-not-receive-an-email';

const ORDER_MAIL = (number: string) => `${memberOrderPath(number)}#${MAIL_SECTION_ID}`;

/**
 * "Your case" on the flagship article: a signed-in member's own address, whether it passes the
 * policy or is suppressed, their last mails with states, and the actions. Null for guests.
 */
export async function memberCasePanel(c: Context<AppEnv>) {
  const member = c.get('member');
  if (!member) return null;
  const deps = c.get('deps');
  const found = await findMemberCase(deps, member);
  return (
    <MemberCasePanel
      c={c}
      found={found}
      name={member.name || member.memberCode}
      sender={senderAddress(deps.env)}
    />
  );
}

function MemberCasePanel(props: {
  c: Context<AppEnv>;
  found: MemberCase;
  name: string;
  sender: string;
}) {
  const { c, found } = props;
  const t = c.get('t');
  const locale = c.get('locale');
  const csrf = c.get('csrfToken');
  // Resending to an address that bounces or is suppressed cannot help; changing it can.
  const blocked = new Set(found.orders.filter((o) => o.problem).map((o) => o.order.number));
  const resendAction = (id: string) => {
    const mail = found.recentMail.find((m) => m.id === id);
    if (!mail?.orderNumber || blocked.has(mail.orderNumber)) return null;
    return `${memberOrderPath(mail.orderNumber)}/mail/${id}/resend`;
  };
  const orderMail = found.recentMail.filter((m) => m.orderNumber);
  const otherMail = found.recentMail.filter((m) => !m.orderNumber);
  return (
    <section class="member-case" aria-labelledby="member-case-title" data-member-case>
      <h2 id="member-case-title">{t('case.title', { name: props.name })}</h2>
      <p class="muted">{t('case.intro')}</p>
      <p>
        <strong>{t('case.address', { email: found.email })}</strong>
      </p>
      {found.problem && (
        <MailProblemNotice email={found.email} problem={found.problem} t={t} locale={locale} />
      )}
      {!found.problem && found.policyProblems.length > 0 && (
        <Notice kind="error">
          <p>{t('case.policyBad')}</p>
          <ul>
            {found.policyProblems.map((p) => (
              <li>{problemMessage(t, p)}</li>
            ))}
          </ul>
          <a class="button" href={CHANGE_EMAIL_PATH}>
            {t('mypage.changeEmail')}
          </a>
        </Notice>
      )}
      {!found.problem && found.policyProblems.length === 0 && (
        <p class="case-ok" data-case-ok>
          {t('case.addressOk')} <a href={CHANGE_EMAIL_PATH}>{t('mypage.changeEmail')}</a>
        </p>
      )}
      <p>{t('case.safeSender', { sender: props.sender })}</p>

      <h3>{t('case.recentMail')}</h3>
      {found.recentMail.length === 0 ? (
        <p>{t('case.noMail')}</p>
      ) : (
        <>
          {orderMail.length > 0 && (
            <MailList
              mail={orderMail}
              t={t}
              locale={locale}
              csrf={csrf}
              resendAction={resendAction}
            />
          )}
          {otherMail.length > 0 && <MailList mail={otherMail} t={t} locale={locale} csrf="" />}
        </>
      )}

      <h3>{t('case.orders')}</h3>
      {found.orders.length === 0 ? (
        <p>{t('case.noOrders')}</p>
      ) : (
        <ul class="case-orders">
          {found.orders.map(({ order, differsFromAccount, problem }) => (
            <li data-order={order.number}>
              {t('case.orderContact', { number: order.number, email: order.contactEmail })}
              {differsFromAccount && <div class="muted">{t('case.orderDiffers')}</div>}
              {problem && <div class="field-error">{t('case.orderProblem')}</div>}
              <div>
                <a href={ORDER_MAIL(order.number)}>{t('case.moveMail')}</a>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/inquiry?category=missing_email&topic=${MISSING_EMAIL_SLUG}`}>
          {t('case.stillStuck')}
        </a>
      </p>
    </section>
  );
}
