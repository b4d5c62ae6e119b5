import type { MemberAddress } from '../../accounts/address-book-tables.ts';
import type { CartLine } from '../../cart/find-cart.ts';
import { Price, productTitle } from '../../catalog/pages/product-card.tsx';
import { formatJpy } from '../../lib/money.ts';
import { CardFields } from '../../payments/pages/fix-payment-page.tsx';
import { countries } from '../../shipping/countries.ts';
import { AddressFields } from '../../shipping/pages/address-fields.tsx';
import { shippingMethods } from '../../shipping/rates.ts';
import { TextField } from '../../web/form-fields.tsx';
import type { Locale, Translate } from '../../web/i18n.ts';
import { Csrf, FieldError, Notice } from '../../web/layout.tsx';
import { canWrap, GIFT_WRAP_FEE_JPY, MESSAGE_CARD_MAX_CHARS } from '../gift-options.ts';
import type { Quote } from '../quote-order.ts';
import { MessageCardText } from './message-card-text.tsx';

export type CheckoutValues = Partial<Record<string, string>>;

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

/** Wrapping and a message card, offered only when the order has goods we ship. */
function GiftFields(props: {
  t: Translate;
  locale: Locale;
  values: CheckoutValues;
  errors: Record<string, string>;
}) {
  const { t, values, errors } = props;
  return (
    <fieldset class="gift-options">
      <legend>{t('gift.legend')}</legend>
      <label class="choice">
        <input
          type="checkbox"
          name="giftWrap"
          value="1"
          checked={!!values.giftWrap}
          aria-invalid={errors.giftWrap ? 'true' : undefined}
        />
        {t('gift.wrap', { fee: formatJpy(GIFT_WRAP_FEE_JPY, props.locale) })}
      </label>
      <p class="help">{t('gift.wrapHelp')}</p>
      <FieldError message={errors.giftWrap} />
      <label>
        {t('gift.card')}
        <span class="help">{t('gift.cardHelp', { max: MESSAGE_CARD_MAX_CHARS })}</span>
        <textarea
          name="messageCard"
          rows={4}
          maxlength={MESSAGE_CARD_MAX_CHARS}
          aria-invalid={errors.messageCard ? 'true' : undefined}
        >
          {/* The HTML parser drops a textarea's first line break; this one is the one it drops. */}
          {`\n${values.messageCard ?? ''}`}
        </textarea>
        <FieldError message={errors.messageCard} />
      </label>
    </fieldset>
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
  /** PayPal beside the card, only when the shop has a PayPal client. */
  paypalOffered?: boolean;
}) {
  const { t, locale, values, errors } = props;
  const payWith = props.paypalOffered && values.paymentMethod === 'paypal' ? 'paypal' : 'card';
  const country = values.country ?? '';
  const method = values.shippingMethod ?? (country === 'JP' ? 'domestic' : 'dhl_express');
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
            <TextField
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
          <AddressFields t={t} locale={locale} values={values} errors={errors} />
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
        {canWrap(props.lines.map((l) => l.product)) && (
          <GiftFields t={t} locale={locale} values={values} errors={errors} />
        )}
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
                  {props.quote.giftWrapJpy > 0 && (
                    <tr class="gift-wrap-fee">
                      <td>{t('gift.wrapFee')}</td>
                      <td class="num">
                        <Price amount={props.quote.giftWrapJpy} t={t} locale={locale} />
                      </td>
                    </tr>
                  )}
                  {values.messageCard?.trim() && (
                    <tr class="message-card">
                      <td colspan={2}>
                        {t('gift.cardReview')}
                        <MessageCardText text={values.messageCard.trim().replace(/\r\n?/g, '\n')} />
                      </td>
                    </tr>
                  )}
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
          {props.paypalOffered && (
            <div class="payment-methods" role="radiogroup" aria-label={t('checkout.payWith')}>
              <label class="choice">
                <input
                  type="radio"
                  name="paymentMethod"
                  value="card"
                  checked={payWith === 'card'}
                />
                {t('checkout.payCard')}
              </label>
              <label class="choice">
                <input
                  type="radio"
                  name="paymentMethod"
                  value="paypal"
                  checked={payWith === 'paypal'}
                />
                {t('checkout.payPaypal')}
              </label>
              <p class="muted">{t('checkout.paypalNote')}</p>
            </div>
          )}
          {/* Hidden by the stylesheet while PayPal is chosen: PayPal ignores the card. */}
          <div class="card-payment stack">
            <p class="muted">{t('checkout.cardNote')}</p>
            <CardFields t={t} values={values} errors={errors} />
          </div>
        </fieldset>
        <p class="muted card-payment">{t('checkout.placeNote')}</p>
        <button type="submit" name="action" value="place">
          {t('checkout.place')}
        </button>
      </form>
    </section>
  );
}
