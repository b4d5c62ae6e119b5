import { describe, expect, it } from 'vitest';
import { canMove, customerMayCancel, mayChangeAddress, unshippedStates } from './order-rules.ts';
import type { Order, OrderLine } from './tables.ts';

const order = (state: Order['state']) => ({ state }) as Order;
const preorderLine = (closes: string) =>
  ({ isPreorder: true, preorderClosesAt: new Date(closes) }) as OrderLine;
const now = new Date('2026-11-26T00:00:00Z');

describe('order rules', () => {
  it('moves forward through the lifecycle only', () => {
    expect(canMove('payment_authorised', 'preparing')).toBe(true);
    expect(canMove('preparing', 'shipped')).toBe(true);
    expect(canMove('shipped', 'delivered')).toBe(true);
    expect(canMove('payment_authorised', 'shipped')).toBe(false);
    expect(canMove('shipped', 'cancelled')).toBe(false);
    expect(canMove('cancelled', 'preparing')).toBe(false);
  });

  it('counts as unshipped every state from which the order can still ship', () => {
    expect(unshippedStates).toEqual(['placed', 'payment_authorised', 'preparing']);
  });

  it('lets a customer cancel until the order is being prepared', () => {
    expect(customerMayCancel(order('payment_authorised'), [], now)).toBe(true);
    expect(customerMayCancel(order('preparing'), [], now)).toBe(false);
    expect(customerMayCancel(order('shipped'), [], now)).toBe(false);
  });

  it('lets a customer cancel a pre-order only while its window is open', () => {
    expect(
      customerMayCancel(order('payment_authorised'), [preorderLine('2026-12-01T00:00:00Z')], now),
    ).toBe(true);
    expect(
      customerMayCancel(order('payment_authorised'), [preorderLine('2026-11-25T00:00:00Z')], now),
    ).toBe(false);
  });

  it('lets the delivery address change until preparing, and only for orders with a parcel', () => {
    const parcel = [{ kind: 'physical' }, { kind: 'digital' }];
    expect(mayChangeAddress(order('placed'), parcel)).toBe(true);
    expect(mayChangeAddress(order('payment_authorised'), parcel)).toBe(true);
    expect(mayChangeAddress(order('preparing'), parcel)).toBe(false);
    expect(mayChangeAddress(order('cancelled'), parcel)).toBe(false);
    expect(mayChangeAddress(order('payment_authorised'), [{ kind: 'digital' }])).toBe(false);
  });
});
