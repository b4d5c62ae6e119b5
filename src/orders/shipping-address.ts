import type { ShippingAddress } from '../checkout/inputs.ts';
import { findCountry } from '../shipping/countries.ts';
import type { Order } from './tables.ts';

/** The fields of an order's shipping address, as they are stored in its `ship_*` columns. */
export type OrderAddress = ShippingAddress;

/** The address an order ships to now. */
export function orderAddress(order: Order): OrderAddress {
  return {
    name: order.shipName,
    line1: order.shipLine1,
    line2: order.shipLine2,
    city: order.shipCity,
    region: order.shipRegion,
    postalCode: order.shipPostalCode,
    country: order.shipCountry,
    phone: order.shipPhone,
  };
}

/** The `orders` columns an address is written to. */
export function addressColumns(address: OrderAddress) {
  return {
    shipName: address.name,
    shipLine1: address.line1,
    shipLine2: address.line2,
    shipCity: address.city,
    shipRegion: address.region,
    shipPostalCode: address.postalCode,
    shipCountry: address.country,
    shipPhone: address.phone,
  };
}

const fields = [
  'name',
  'line1',
  'line2',
  'city',
  'region',
  'postalCode',
  'country',
  'phone',
] as const;

export function sameAddress(a: OrderAddress, b: OrderAddress): boolean {
  return fields.every((f) => a[f] === b[f]);
}

/** The address form's values (checkout's field names), filled from an address. */
export function addressValues(address: OrderAddress): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, address[f]]));
}

/** The address as written on a parcel, one line each, with the country's name in the locale. */
export function addressLines(address: OrderAddress, locale: 'en' | 'ja'): string[] {
  const country = findCountry(address.country);
  return [
    address.name,
    address.line1,
    address.line2,
    [address.city, address.region, address.postalCode].filter(Boolean).join(', '),
    country ? (locale === 'ja' ? country.nameJa : country.nameEn) : address.country,
  ].filter(Boolean);
}

/** One line for audit notes: 'Taro Yamada, 1-2-3 Shibuya, Shibuya-ku, Tokyo, 150-0002, JP'. */
export function addressSummary(address: OrderAddress): string {
  return [
    address.name,
    address.line1,
    address.line2,
    address.city,
    address.region,
    address.postalCode,
    address.country,
  ]
    .filter(Boolean)
    .join(', ');
}
