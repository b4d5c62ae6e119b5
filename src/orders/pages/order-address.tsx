import type { MemberAddress } from '../../accounts/address-book-tables.ts';
import { findCountry } from '../../shipping/countries.ts';
import { AddressFields } from '../../shipping/pages/address-fields.tsx';
import type { Locale, Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';

/** The id the order page's address section carries, so forms and redirects can land on it. */
export const ADDRESS_SECTION_ID = 'order-address';

/** Where a customer asks us to change an order once the page no longer can. */
export const ORDER_INQUIRY_PATH = '/inquiry?category=order';

/** Fills the form from the member's address book without script: a GET back to the order page. */
function SavedAddressPicker(props: {
  t: Translate;
  addresses: MemberAddress[];
  chosenId: string | null;
  orderPath: string;
}) {
  const { t } = props;
  // A GET form drops its action's query, so the guest link's key travels as a hidden field.
  const [path, query = ''] = props.orderPath.split('?');
  return (
    <form method="get" action={`${path}#${ADDRESS_SECTION_ID}`} class="saved-addresses">
      {[...new URLSearchParams(query)].map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label>
        {t('profile.checkoutSaved')}{' '}
        <select name="book">
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
      </button>
    </form>
  );
}

export interface AddressSectionProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  /** The order's current country, whose shipping zone the new address must share. */
  currentCountry: string;
  action: string;
  orderPath: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string | undefined;
  error?: string | undefined;
  /** The refusal can only be solved by staff or a new order: link the inquiry form. */
  offerInquiry?: boolean;
  /** A signed-in owner's saved addresses, and the one that filled the form. */
  addressBook?: { addresses: MemberAddress[]; chosenId: string | null } | null;
}

/** "Change the delivery address": the checkout's address fields, prefilled, until preparing. */
export function OrderAddressSection(props: AddressSectionProps) {
  const { t, locale, values, errors } = props;
  const current = findCountry(props.currentCountry);
  return (
    <section id={ADDRESS_SECTION_ID} aria-labelledby={`${ADDRESS_SECTION_ID}-title`}>
      <h2 id={`${ADDRESS_SECTION_ID}-title`}>{t('orderAddress.title')}</h2>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && (
        <Notice kind="error">
          {props.error}
          {props.offerInquiry && (
            <>
              {' '}
              <a href={ORDER_INQUIRY_PATH}>{t('orderAddress.inquiry')}</a>
            </>
          )}
        </Notice>
      )}
      <p class="help">
        {t('orderAddress.help', {
          country: current
            ? locale === 'ja'
              ? current.nameJa
              : current.nameEn
            : props.currentCountry,
        })}
      </p>
      {props.addressBook && props.addressBook.addresses.length > 0 && (
        <SavedAddressPicker t={t} orderPath={props.orderPath} {...props.addressBook} />
      )}
      <form method="post" action={props.action} class="stack order-address" novalidate>
        <Csrf token={props.csrf} />
        <AddressFields
          t={t}
          locale={locale}
          values={values}
          errors={errors}
          autocompleteSection="shipping"
        />
        <button type="submit">{t('orderAddress.submit')}</button>
      </form>
    </section>
  );
}

/** Once the order is being prepared: why the form is gone, and who can still help. */
export function AddressTooLate({ t }: { t: Translate }) {
  return (
    <section id={ADDRESS_SECTION_ID}>
      <p class="muted">
        {t('orderAddress.tooLate')} <a href={ORDER_INQUIRY_PATH}>{t('orderAddress.inquiry')}</a>
      </p>
    </section>
  );
}
