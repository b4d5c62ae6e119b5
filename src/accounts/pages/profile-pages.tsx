import { memberOrderPath } from '../../orders/order-access.ts';
import { findCountry } from '../../shipping/countries.ts';
import { AddressFields } from '../../shipping/pages/address-fields.tsx';
import { TextField } from '../../web/form-fields.tsx';
import type { Locale, Translate } from '../../web/i18n.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
import type { MemberAddress } from '../address-book-tables.ts';
import type { Member } from '../tables.ts';

/** Where a member changes their email address (built with the email policy). */
export const CHANGE_EMAIL_PATH = '/mypage/email';

type Section = 'profile' | 'email' | 'password' | 'addresses' | 'cancel';

type FormProps = {
  t: Translate;
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
  notice?: string | undefined;
};

/** The member-information pages, one link each; the current one is marked. */
function ProfileNav(props: { t: Translate; current: Section }) {
  const { t } = props;
  const links: [Section, string, string][] = [
    ['profile', '/mypage/profile', t('profile.nav.profile')],
    ['email', CHANGE_EMAIL_PATH, t('profile.nav.email')],
    ['password', '/mypage/password', t('profile.nav.password')],
    ['addresses', '/mypage/addresses', t('profile.nav.addresses')],
    ['cancel', '/mypage/cancel', t('profile.nav.cancel')],
  ];
  return (
    <nav class="profile-nav" aria-label={t('profile.nav.title')}>
      <a href="/mypage">{t('nav.mypage')}</a>
      {links.map(([section, href, label]) => (
        <>
          {' · '}
          <a href={href} aria-current={section === props.current ? 'page' : undefined}>
            {label}
          </a>
        </>
      ))}
    </nav>
  );
}

function Messages(props: { message?: string | undefined; notice?: string | undefined }) {
  return (
    <>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
    </>
  );
}

export function ProfilePage(props: FormProps & { member: Member }) {
  const { t, values, errors, member } = props;
  const locale = values.locale ?? member.locale;
  return (
    <section>
      <ProfileNav t={t} current="profile" />
      <h1>{t('profile.title')}</h1>
      <Messages message={props.message} notice={props.notice} />
      <dl class="facts">
        <dt>{t('profile.memberCode')}</dt>
        <dd>
          {member.memberCode} <span class="muted">{t('profile.memberCodeFixed')}</span>
        </dd>
        <dt>{t('profile.email')}</dt>
        <dd>
          {member.email} <a href={CHANGE_EMAIL_PATH}>{t('profile.changeEmail')}</a>
        </dd>
      </dl>
      <form method="post" action="/mypage/profile" class="stack">
        <Csrf token={props.csrf} />
        <TextField
          name="name"
          label={t('profile.name')}
          autocomplete="name"
          values={values}
          errors={errors}
          required={false}
        />
        <label>
          {t('profile.language')}
          <span class="help">{t('profile.languageHelp')}</span>
          <select name="locale" aria-invalid={errors.locale ? 'true' : undefined}>
            <option value="en" selected={locale === 'en'}>
              English
            </option>
            <option value="ja" selected={locale === 'ja'}>
              日本語
            </option>
          </select>
          <FieldError message={errors.locale} />
        </label>
        <button type="submit">{t('profile.save')}</button>
      </form>
    </section>
  );
}

export function PasswordPage(props: FormProps & { email: string }) {
  const { t, values, errors } = props;
  return (
    <section>
      <ProfileNav t={t} current="password" />
      <h1>{t('profile.passwordTitle')}</h1>
      <Messages message={props.message} notice={props.notice} />
      <p>{t('profile.passwordIntro', { email: props.email })}</p>
      <form method="post" action="/mypage/password" class="stack">
        <Csrf token={props.csrf} />
        <TextField
          name="currentPassword"
          type="password"
          label={t('profile.currentPassword')}
          autocomplete="current-password"
          values={values}
          errors={errors}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('profile.newPassword')}
          help={t('profile.newPasswordHelp')}
          autocomplete="new-password"
          values={values}
          errors={errors}
        />
        <button type="submit">{t('profile.changePassword')}</button>
      </form>
    </section>
  );
}

/** An address as lines, the way it is written on a parcel. */
export function AddressLines(props: { address: MemberAddress; locale: Locale }) {
  const { address, locale } = props;
  const country = findCountry(address.country);
  const lines = [
    address.name,
    address.line1,
    address.line2,
    [address.city, address.region, address.postalCode].filter(Boolean).join(', '),
    country ? (locale === 'ja' ? country.nameJa : country.nameEn) : address.country,
    address.phone,
  ].filter(Boolean);
  return (
    <address>
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </address>
  );
}

export function AddressBookPage(props: {
  t: Translate;
  locale: Locale;
  csrf: string;
  addresses: MemberAddress[];
  notice?: string | undefined;
  message?: string | undefined;
}) {
  const { t, locale, csrf } = props;
  return (
    <section>
      <ProfileNav t={t} current="addresses" />
      <h1>{t('profile.addressesTitle')}</h1>
      <Messages message={props.message} notice={props.notice} />
      <p>{t('profile.addressesIntro')}</p>
      {props.addresses.length === 0 ? (
        <p>{t('profile.noAddresses')}</p>
      ) : (
        <ul class="address-book">
          {props.addresses.map((a) => (
            <li data-address={a.id}>
              {a.isDefault && <span class="badge">{t('profile.default')}</span>}
              <AddressLines address={a} locale={locale} />
              <p>
                <a href={`/mypage/addresses/${a.id}/edit`}>{t('profile.edit')}</a>
              </p>
              {!a.isDefault && (
                <form method="post" action={`/mypage/addresses/${a.id}/default`} class="inline">
                  <Csrf token={csrf} />
                  <button type="submit" class="secondary">
                    {t('profile.makeDefault')}
                  </button>
                </form>
              )}{' '}
              <form method="post" action={`/mypage/addresses/${a.id}/delete`} class="inline">
                <Csrf token={csrf} />
                <button type="submit" class="secondary">
                  {t('profile.delete')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button" href="/mypage/addresses/new">
          {t('profile.addAddress')}
        </a>
      </p>
    </section>
  );
}

/** Add or edit one address: the same fields and checks as the checkout form. */
export function AddressFormPage(props: FormProps & { locale: Locale; id: string | null }) {
  const { t, locale, values, errors } = props;
  const title = props.id ? t('profile.editAddress') : t('profile.addAddress');
  return (
    <section>
      <ProfileNav t={t} current="addresses" />
      <h1>{title}</h1>
      <Messages message={props.message} notice={props.notice} />
      <form
        method="post"
        action={props.id ? `/mypage/addresses/${props.id}` : '/mypage/addresses'}
        class="stack"
        novalidate
      >
        <Csrf token={props.csrf} />
        <AddressFields t={t} locale={locale} values={values} errors={errors} />
        <label class="choice">
          <input
            type="checkbox"
            name="makeDefault"
            value="on"
            checked={values.makeDefault === 'on'}
          />
          {t('profile.useAsDefault')}
        </label>
        <button type="submit">{t('profile.saveAddress')}</button>
      </form>
      <p>
        <a href="/mypage/addresses">{t('profile.backToAddresses')}</a>
      </p>
    </section>
  );
}

export function CancelMembershipPage(props: FormProps & { openOrders: string[] }) {
  const { t, errors } = props;
  return (
    <section>
      <ProfileNav t={t} current="cancel" />
      <h1>{t('profile.cancelTitle')}</h1>
      <Messages message={props.message} notice={props.notice} />
      <p>{t('profile.cancelIntro')}</p>
      {props.openOrders.length > 0 ? (
        <div class="notice notice-info open-orders" role="status">
          <p>
            {t('profile.cancelOpenOrders', {
              numbers: props.openOrders.join(', '),
              count: props.openOrders.length,
            })}
          </p>
          <ul>
            {props.openOrders.map((number) => (
              <li>
                <a href={memberOrderPath(number)}>{number}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <form method="post" action="/mypage/cancel" class="stack">
          <Csrf token={props.csrf} />
          <p>
            <strong>{t('profile.cancelFinal')}</strong>
          </p>
          <TextField
            name="password"
            type="password"
            label={t('profile.cancelConfirm')}
            autocomplete="current-password"
            values={{}}
            errors={errors}
          />
          <button type="submit" class="danger">
            {t('profile.cancelButton')}
          </button>
        </form>
      )}
    </section>
  );
}

export function GoodbyePage(props: { t: Translate }) {
  const { t } = props;
  return (
    <section>
      <h1>{t('profile.goodbyeTitle')}</h1>
      <p>{t('profile.goodbyeText')}</p>
      <p>
        {t('profile.goodbyeOrders')} <a href="/orders/find">{t('findOrder.title')}</a>
      </p>
      <p>{t('profile.goodbyeAgain')}</p>
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </section>
  );
}
