import { type FieldMap, TextField } from '../../web/form-fields.tsx';
import type { Locale, Translate } from '../../web/i18n.ts';
import { FieldError } from '../../web/layout.tsx';
import { type Country, countries, findCountry } from '../countries.ts';

/**
 * The delivery-address fields of checkout, the address book and an order's address change:
 * the same names, labels and order everywhere, with the chosen country's postal-code example.
 */
export function AddressFields(props: {
  t: Translate;
  locale: Locale;
  values: FieldMap;
  errors: FieldMap;
  /** The autofill section ("shipping") when the page is not itself the delivery address form. */
  autocompleteSection?: 'shipping';
}) {
  const { t, locale, values, errors } = props;
  const country = values.country ?? '';
  const postalExample = findCountry(country)?.postal?.exampleEn;
  const name = (c: Country) => (locale === 'ja' ? c.nameJa : c.nameEn);
  const sorted = [...countries].sort((a, b) => name(a).localeCompare(name(b), locale));
  const autocomplete = (token: string) =>
    props.autocompleteSection ? `${props.autocompleteSection} ${token}` : token;
  const field = (
    fieldName: string,
    label: string,
    token: string,
    more: { required?: boolean; type?: 'tel'; help?: string | undefined } = {},
  ) => (
    <TextField
      name={fieldName}
      label={label}
      values={values}
      errors={errors}
      autocomplete={autocomplete(token)}
      {...more}
    />
  );
  return (
    <>
      {field('name', t('checkout.name'), 'name')}
      <label>
        {t('checkout.country')}
        <select
          name="country"
          required
          autocomplete={autocomplete('country')}
          aria-invalid={errors.country ? 'true' : undefined}
        >
          <option value="">—</option>
          {sorted.map((c) => (
            <option value={c.code} selected={c.code === country}>
              {name(c)}
            </option>
          ))}
        </select>
        <FieldError message={errors.country} />
      </label>
      <div class="row">
        {field('postalCode', t('checkout.postal'), 'postal-code', {
          required: false,
          help: postalExample ? t('checkout.postalExample', { example: postalExample }) : undefined,
        })}
        {field('region', t('checkout.region'), 'address-level1', { required: false })}
      </div>
      {field('city', t('checkout.city'), 'address-level2')}
      {field('line1', t('checkout.line1'), 'address-line1')}
      {field('line2', t('checkout.line2'), 'address-line2', { required: false })}
      {field('phone', t('checkout.phone'), 'tel', { type: 'tel' })}
    </>
  );
}
