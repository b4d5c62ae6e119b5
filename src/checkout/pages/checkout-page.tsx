import type { MemberAddress } from '../../accounts/address-book-tables.ts';
import type { CartLine } from '../../cart/find-cart.ts';
import { Price, productTitle } from '../../catalog/pages/product-card.tsx';
import { countries } from '../../shipping/countries.ts';
import { shippingMethods } from '../../shipping/rates.ts';
import type { Locale, Translate } from '../../web/i18n.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
import type { Quote } from '../quote-order.ts';

export type CheckoutValues = Partial<Record<string, string>>;

function Field(props: {
  name: string;
  label: string;
  values: CheckoutValues;
  errors: Record<string, string>;
  type?: string;
  autocomplete?: string;
  help?: string | undefined;
  required?: boolean;
  inputmode?: 'numeric' | 'email' | 'tel';
}) {
  const error = props.errors[props.name];
  return (
    <label>
      {props.label}
      {props.help && <span class="help">{props.help}</span>}
      <input
        name={props.name}
        type={props.type ?? 'text'}
        value={props.values[props.name] ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required ?? true}
        aria-invalid={error ? 'true' : undefined}
      />
      <FieldError message={error} />
    </label>
  );
}

/** Fills the form with a saved address without script: a GET back to /checkout?address=<id>. */
function SavedAddressPicker(props: {
  t: Translate;
  addresses: MemberAddress[];
  chosenId: string | null;
}) {
  const { t } = props;
  if (props.addresses.length === 0) return null;
  return (
    <form method="get" action="/checkout" class="saved-addresses">
      <label>
        {t('profile.checkoutSaved')}{' '}
        <select name="address">
          {props.addresses.map((a) => (
            <option value={a.id} selected={a.id === props.chosenId}>
              {[a.name, a.line1, a.city, a.country].filter(Boolean).join(', ')}
              {a.isDefault ? ` (${t('profile.default')})` : ''}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" class="secondary">
        {t('profile.checkoutUse')}
      </button>{' '}
      <a href="/mypage/addresses">{t('profile.checkoutManage')}</a>
    </form>
  );
}

/** One page: contact, address, shipping, card; "Calculate shipping" re-renders with the quote. */
export function CheckoutPage(props: {
  lines: CartLine[];
  t: Translate;
  locale: Locale;
  csrf: string;
  memberEmail: string | null;
  /** A signed-in member's saved addresses, and the one that filled the form. */
  addressBook?: { addresses: MemberAddress[]; chosenId: string | null } | null;
  values: CheckoutValues;
  errors: Record<string, string>;
  idempotencyKey: string;
  quote: Quote | null;
  message?: string | undefined;
}) {
  const { t, locale, values, errors } = props;
  const country = values.country ?? '';
  const method = values.shippingMethod ?? (country === 'JP' ? 'domestic' : 'dhl_express');
  const postalExample = countries.find((c) => c.code === country)?.postal?.exampleEn;
  const sortedCountries = [...countries].sort((a, b) =>
    (locale === 'ja' ? a.nameJa : a.nameEn).localeCompare(
      locale === 'ja' ? b.nameJa : b.nameEn,
      locale,
    ),
  );
  return (
    <section>
      <h1>{t('checkout.title')}</h1>
      {props.message && <Notice kind="error">{props.message}</Notice>}
      {props.addressBook && <SavedAddressPicker t={t} {...props.addressBook} />}
      <form method="post" action="/checkout" class="stack" novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <fieldset>
          <legend>{t('checkout.contact')}</legend>
          {props.memberEmail ? (
            <p>{t('checkout.memberEmail', { email: props.memberEmail })}</p>
          ) : (
            <Field
              name="email"
              type="email"
              autocomplete="email"
              label={t('checkout.contact')}
              help={t('checkout.contactHelp')}
              values={values}
              errors={errors}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>{t('checkout.shipping')}</legend>
          <Field
            name="name"
            label={t('checkout.name')}
            autocomplete="name"
            values={values}
            errors={errors}
          />
          <label>
            {t('checkout.country')}
            <select
              name="country"
              required
              aria-invalid={errors.country ? 'true' : undefined}
              autocomplete="country"
            >
              <option value="">—</option>
              {sortedCountries.map((c) => (
                <option value={c.code} selected={c.code === country}>
                  {locale === 'ja' ? c.nameJa : c.nameEn}
                </option>
              ))}
            </select>
            <FieldError message={errors.country} />
          </label>
          <div class="row">
            <Field
              name="postalCode"
              label={t('checkout.postal')}
              help={
                postalExample ? t('checkout.postalExample', { example: postalExample }) : undefined
              }
              autocomplete="postal-code"
              values={values}
              errors={errors}
              required={false}
            />
            <Field
              name="region"
              label={t('checkout.region')}
              autocomplete="address-level1"
              values={values}
              errors={errors}
              required={false}
            />
          </div>
          <Field
            name="city"
            label={t('checkout.city')}
            autocomplete="address-level2"
            values={values}
            errors={errors}
          />
          <Field
            name="line1"
            label={t('checkout.line1')}
            autocomplete="address-line1"
            values={values}
            errors={errors}
          />
          <Field
            name="line2"
            label={t('checkout.line2')}
            autocomplete="address-line2"
            values={values}
            errors={errors}
            required={false}
          />
          <Field
            name="phone"
            type="tel"
            label={t('checkout.phone')}
            autocomplete="tel"
            values={values}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend>{t('checkout.method')}</legend>
          {Object.values(shippingMethods).map((m) => (
            <label class="choice">
              <input
                type="radio"
                name="shippingMethod"
                value={m.code}
                checked={m.code === method}
              />
              {locale === 'ja' ? m.nameJa : m.nameEn}
            </label>
          ))}
          <FieldError message={errors.shippingMethod} />
          <p class="muted">{t('checkout.duties')}</p>
          <button type="submit" name="action" value="quote" class="secondary" formnovalidate>
            {t('checkout.quote')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('checkout.review')}</legend>
          <table>
            <tbody>
              {props.lines.map(({ product, quantity }) => (
                <tr>
                  <td>
                    {productTitle(product, locale)} × {quantity}
                  </td>
                  <td class="num">
                    <Price amount={product.priceJpy * quantity} t={t} locale={locale} />
                  </td>
                </tr>
              ))}
              {props.quote && (
                <>
                  <tr>
                    <td>
                      {t('checkout.shippingFee')} (
                      {t('checkout.methodDays', props.quote.estimatedDays)})
                    </td>
                    <td class="num">
                      <Price amount={props.quote.shippingFeeJpy} t={t} locale={locale} />
                    </td>
                  </tr>
                  <tr>
                    <th>{t('checkout.total')}</th>
                    <td class="num">
                      <Price amount={props.quote.totalJpy} t={t} locale={locale} />
                    </td>
                  </tr>
                </>
              )}
            </tbody>
          </table>
          {props.quote?.regionWarnings.map((w) => (
            <Notice kind="info">
              {t('checkout.regionWarning', {
                title: w.title,
                code: w.code,
                country:
                  countries.find((c) => c.code === country)?.[
                    locale === 'ja' ? 'nameJa' : 'nameEn'
                  ] ?? country,
              })}
            </Notice>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('checkout.payment')}</legend>
          <p class="muted">{t('checkout.cardNote')}</p>
          <Field
            name="cardNumber"
            label={t('checkout.cardNumber')}
            autocomplete="cc-number"
            inputmode="numeric"
            values={{}}
            errors={errors}
          />
          <Field
            name="cardHolder"
            label={t('checkout.cardHolder')}
            autocomplete="cc-name"
            values={values}
            errors={errors}
          />
          <div class="row">
            <Field
              name="cardExpiry"
              label={t('checkout.cardExpiry')}
              autocomplete="cc-exp"
              values={values}
              errors={errors}
            />
            <Field
              name="cardCvc"
              label={t('checkout.cardCvc')}
              autocomplete="cc-csc"
              inputmode="numeric"
              values={{}}
              errors={errors}
            />
          </div>
        </fieldset>
        <p class="muted">{t('checkout.placeNote')}</p>
        <button type="submit" name="action" value="place">
          {t('checkout.place')}
        </button>
      </form>
    </section>
  );
}
