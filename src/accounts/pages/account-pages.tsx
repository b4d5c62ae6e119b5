import { formatJpy } from '../../lib/money.ts';
import type { Order } from '../../orders/tables.ts';
import { formatDate, type Locale, type Translate } from '../../web/i18n.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
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
        <label>
          {t('account.login')}
          <input name="login" value={values.login ?? ''} autocomplete="username" required />
          <FieldError message={props.errors.login} />
        </label>
        <label>
          {t('account.password')}
          <input name="password" type="password" autocomplete="current-password" required />
          <FieldError message={props.errors.password} />
        </label>
        <button type="submit">{t('account.signInTitle')}</button>
      </form>
      <p>
        {t('account.noAccount')} <a href="/account/register">{t('nav.register')}</a>
      </p>
    </section>
  );
}

export function RegisterPage(props: FormProps & { locale: Locale }) {
  const { t, values, errors } = props;
  const field = (
    name: string,
    label: string,
    type = 'text',
    help?: string,
    autocomplete?: string,
  ) => (
    <label>
      {label}
      {help && <span class="help">{help}</span>}
      <input
        name={name}
        type={type}
        value={type === 'password' ? '' : (values[name] ?? '')}
        autocomplete={autocomplete}
        aria-invalid={errors[name] ? 'true' : undefined}
        required={name !== 'name'}
      />
      <FieldError message={errors[name]} />
    </label>
  );
  return (
    <section>
      <h1>{t('account.registerTitle')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      <form method="post" action="/account/register" class="stack">
        <Csrf token={props.csrf} />
        {field(
          'memberCode',
          t('account.memberCode'),
          'text',
          t('account.memberCodeHelp'),
          'username',
        )}
        {field('email', t('account.email'), 'email', undefined, 'email')}
        {field('name', t('account.name'), 'text', undefined, 'name')}
        {field(
          'password',
          t('account.password'),
          'password',
          t('account.passwordHelp'),
          'new-password',
        )}
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
        <button type="submit">{t('account.create')}</button>
      </form>
    </section>
  );
}

export function MyPage(props: { member: Member; orders: Order[]; t: Translate; locale: Locale }) {
  const { member, orders, t, locale } = props;
  return (
    <section>
      <h1>{t('mypage.title')}</h1>
      <p>
        {t('mypage.welcome', { name: member.name || member.memberCode })} ·{' '}
        <span class="muted">{t('mypage.memberCode', { code: member.memberCode })}</span> ·{' '}
        <span class="muted">{member.email}</span>
      </p>
      <h2>{t('mypage.orders')}</h2>
      {orders.length === 0 ? (
        <p>{t('mypage.noOrders')}</p>
      ) : (
        <table class="orders">
          <tbody>
            {orders.map((o) => (
              <tr>
                <td>
                  <a href={`/mypage/orders/${o.number}`}>{o.number}</a>
                </td>
                <td>{formatDate(o.createdAt, locale)}</td>
                <td class="order-state">{t(`state.${o.state}`)}</td>
                <td class="num">{formatJpy(o.totalJpy, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
