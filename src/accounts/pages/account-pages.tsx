import { formatJpy } from '../../lib/money.ts';
import { describeDelivery, describeSuppression } from '../../mail/describe-delivery.ts';
import type { AddressProblem, CustomerMail } from '../../mail/find-order-mail.ts';
import { memberOrderPath } from '../../orders/order-access.ts';
import { MailList } from '../../orders/pages/order-mail.tsx';
import type { Order } from '../../orders/tables.ts';
import { TextField } from '../../web/form-fields.tsx';
import { formatDate, type Locale, type Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';
import type { Member } from '../tables.ts';

type FormProps = {
  t: Translate;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
};

export function SignInPage(props: FormProps & { next: string }) {
  const { t, values } = props;
  return (
    <section>
      <h1>{t('account.signInTitle')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <form method="post" action="/account/sign-in" class="stack">
        <Csrf token={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <TextField
          name="login"
          label={t('account.login')}
          values={values}
          errors={props.errors}
          autocomplete="username"
        />
        <TextField
          name="password"
          type="password"
          label={t('account.password')}
          values={values}
          errors={props.errors}
          autocomplete="current-password"
        />
        <button type="submit">{t('account.signInTitle')}</button>
      </form>
      <p>
        <a href="/account/password/forgot">{t('acct.signIn.forgot')}</a>
        {' · '}
        <a href="/account/lookup">{t('acct.signIn.lookup')}</a>
      </p>
      <p>
        {t('account.noAccount')} <a href="/account/register">{t('nav.register')}</a>
      </p>
      <p>
        {t('account.guestOrder')} <a href="/orders/find">{t('findOrder.title')}</a>
      </p>
    </section>
  );
}

export function RegisterPage(props: FormProps & { locale: Locale }) {
  const { t, values, errors } = props;
  return (
    <section>
      <h1>{t('account.registerTitle')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <form method="post" action="/account/register" class="stack">
        <Csrf token={props.csrf} />
        <TextField
          name="memberCode"
          label={t('account.memberCode')}
          help={t('account.memberCodeHelp')}
          autocomplete="username"
          values={values}
          errors={errors}
        />
        <TextField
          name="email"
          type="email"
          label={t('account.email')}
          autocomplete="email"
          values={values}
          errors={errors}
        />
        <TextField
          name="name"
          label={t('account.name')}
          autocomplete="name"
          values={values}
          errors={errors}
          required={false}
        />
        <TextField
          name="password"
          type="password"
          label={t('account.password')}
          help={t('account.passwordHelp')}
          autocomplete="new-password"
          values={values}
          errors={errors}
        />
        <label>
          {t('account.language')}
          <select name="locale">
            <option value="en" selected={(values.locale ?? props.locale) === 'en'}>
              English
            </option>
            <option value="ja" selected={(values.locale ?? props.locale) === 'ja'}>
              日本語
            </option>
          </select>
        </label>
        <label class="choice">
          <input type="checkbox" name="newsletter" checked={values.newsletter === 'on'} />
          {t('newsletter.optIn')}
        </label>
        <button type="submit">{t('account.create')}</button>
      </form>
    </section>
  );
}

/** Where a member changes their own email; the inquiry form is the way until that page exists. */
const CHANGE_EMAIL_PATH = '/mypage/email';
const INQUIRY_PATH = '/inquiry';

/** The top-of-MyPage warning when mail to the member's address is not getting through. */
export function MailProblemNotice(props: {
  email: string;
  problem: AddressProblem;
  t: Translate;
  locale: Locale;
}) {
  const { problem, t, locale } = props;
  const date = formatDate(problem.since, locale, true);
  const text =
    problem.kind === 'suppressed'
      ? t('mypage.mailSuppressed', { date, why: describeSuppression(problem.suppression, locale) })
      : t('mypage.mailBouncing', {
          date,
          why: describeDelivery(problem.mail, problem.mail.events, locale).text,
        });
  return (
    <div class="notice notice-error mail-problem" role="alert">
      <h2>{t('mypage.mailProblemTitle', { email: props.email })}</h2>
      <p>{text}</p>
      <p>{t('mypage.mailProblemHelp')}</p>
      <p>
        <a class="button" href={CHANGE_EMAIL_PATH}>
          {t('mypage.changeEmail')}
        </a>{' '}
        <a class="button secondary" href={INQUIRY_PATH}>
          {t('mypage.askHelp')}
        </a>
      </p>
      <p>{t('mypage.orderMailHint')}</p>
    </div>
  );
}

export function MyPage(props: {
  member: Member;
  orders: Order[];
  recentMail: CustomerMail[];
  mailProblem: AddressProblem | null;
  /** Why the member's stored address breaks the current address policy, if it does. */
  policyProblems: string[];
  t: Translate;
  locale: Locale;
}) {
  const { member, orders, t, locale } = props;
  return (
    <section>
      <h1>{t('mypage.title')}</h1>
      {props.mailProblem && (
        <MailProblemNotice email={member.email} problem={props.mailProblem} t={t} locale={locale} />
      )}
      <p>
        {t('mypage.welcome', { name: member.name || member.memberCode })} ·{' '}
        <span class="muted">{t('mypage.memberCode', { code: member.memberCode })}</span> ·{' '}
        <span class="muted">{member.email}</span>
      </p>
      {!props.mailProblem && props.policyProblems.length > 0 && (
        <Notice kind="error">
          <p>{t('mypage.policyNotice', { email: member.email })}</p>
          <ul>
            {props.policyProblems.map((problem) => (
              <li>{problem}</li>
            ))}
          </ul>
          <a class="button" href={CHANGE_EMAIL_PATH}>
            {t('mypage.changeEmail')}
          </a>
        </Notice>
      )}
      <nav class="mypage-links" aria-label={t('mypage.settings')}>
        <a href="/mypage/profile">{t('mypage.linkProfile')}</a>
        <a href={CHANGE_EMAIL_PATH}>{t('mypage.changeEmail')}</a>
        <a href="/mypage/password">{t('mypage.linkPassword')}</a>
        <a href="/mypage/addresses">{t('mypage.linkAddresses')}</a>
        <a href="/mypage/newsletter">{t('newsletter.settingsLink')}</a>
        <a href="/mypage/cancel">{t('mypage.linkCancel')}</a>
      </nav>
      <h2>{t('mypage.orders')}</h2>
      {orders.length === 0 ? (
        <p>{t('mypage.noOrders')}</p>
      ) : (
        <table class="orders">
          <tbody>
            {orders.map((o) => (
              <tr>
                <td>
                  <a href={memberOrderPath(o.number)}>{o.number}</a>
                </td>
                <td>{formatDate(o.createdAt, locale)}</td>
                <td class="order-state">{t(`state.${o.state}`)}</td>
                <td class="num">{formatJpy(o.totalJpy, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('mypage.recentMail')}</h2>
      {props.recentMail.length === 0 ? (
        <p>{t('mypage.noMail')}</p>
      ) : (
        <MailList mail={props.recentMail} t={t} locale={locale} csrf="" />
      )}
    </section>
  );
}
