import { formatTokyoTime } from '../../lib/japan-time.ts';
import { memberOrderPath } from '../../orders/order-access.ts';
import { MAIL_SECTION_ID } from '../../orders/pages/order-mail.tsx';
import type { Order } from '../../orders/tables.ts';
import { CodeField, TextField } from '../../web/form-fields.tsx';
import { formatDate, type Locale, type Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';

/** Why changing the account's address leaves orders alone, and where each order's is changed. */
function OrdersKeepTheirEmail(props: { t: Translate; locale: Locale; orders: Order[] }) {
  const { t, locale } = props;
  return (
    <section class="orders-keep-email">
      <h2>{t('acct.email.ordersTitle')}</h2>
      <p>{t('acct.email.ordersKeep')}</p>
      {props.orders.length > 0 && (
        <table class="orders">
          <tbody>
            {props.orders.map((o) => (
              <tr>
                <td>
                  <a href={memberOrderPath(o.number)}>{o.number}</a>
                </td>
                <td>{formatDate(o.createdAt, locale)}</td>
                <td class="contact-email">
                  {t('acct.email.orderMailTo', { email: o.contactEmail })}
                </td>
                <td>
                  <a href={`${memberOrderPath(o.number)}#${MAIL_SECTION_ID}`}>
                    {t('acct.email.orderChange')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/inquiry">{t('acct.email.inquiry')}</a>
      </p>
    </section>
  );
}

/** New address and current password; a code goes to the new address. */
export function EmailChangePage(props: {
  t: Translate;
  locale: Locale;
  csrf: string;
  currentEmail: string;
  orders: Order[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
  done?: string | undefined;
}) {
  const { t, values, errors } = props;
  return (
    <section>
      <h1>{t('acct.email.title')}</h1>
      {props.done && <Notice kind="success">{props.done}</Notice>}
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <p>{t('acct.email.current', { email: props.currentEmail })}</p>
      <p class="help">{t('acct.email.help')}</p>
      <form method="post" action="/mypage/email" class="stack">
        <Csrf token={props.csrf} />
        <TextField
          name="email"
          type="email"
          label={t('acct.email.new')}
          autocomplete="email"
          values={values}
          errors={errors}
        />
        <TextField
          name="password"
          type="password"
          label={t('acct.email.password')}
          help={t('acct.email.passwordHelp')}
          autocomplete="current-password"
          values={values}
          errors={errors}
        />
        <button type="submit">{t('acct.email.send')}</button>
      </form>
      <OrdersKeepTheirEmail t={t} locale={props.locale} orders={props.orders} />
    </section>
  );
}

/** The code sent to the new address; entering it makes the change. */
export function EmailCodePage(props: {
  t: Translate;
  locale: Locale;
  csrf: string;
  pending: { email: string; expiresAt: Date } | null;
  orders: Order[];
  code: string;
  fieldError?: string | undefined;
  message?: string | undefined;
}) {
  const { t, pending } = props;
  return (
    <section>
      <h1>{t('acct.email.codeTitle')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      {pending && (
        <Notice kind="info">
          {t('acct.email.codeSent', {
            email: pending.email,
            time: formatTokyoTime(pending.expiresAt, props.locale),
          })}
        </Notice>
      )}
      <form method="post" action="/mypage/email/confirm" class="stack">
        <Csrf token={props.csrf} />
        <CodeField t={t} value={props.code} error={props.fieldError} />
        <button type="submit">{t('acct.email.confirm')}</button>
      </form>
      <p class="muted">{t('code.notArrived')}</p>
      <p>
        <a href="/mypage/email">{t('acct.email.startOver')}</a>
      </p>
      <OrdersKeepTheirEmail t={t} locale={props.locale} orders={props.orders} />
    </section>
  );
}
