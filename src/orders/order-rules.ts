import { type Order, type OrderLine, type OrderState, orderStates } from './tables.ts';

/** The order lifecycle: which state may follow which, and who may move it. */
export const transitions: Record<OrderState, readonly OrderState[]> = {
  placed: ['payment_authorised', 'cancelled'],
  payment_authorised: ['preparing', 'cancelled'],
  preparing: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export function canMove(from: OrderState, to: OrderState): boolean {
  return transitions[from].includes(to);
}

/** Whether `to` can be reached from `from` by one or more allowed moves. */
export function canReach(from: OrderState, to: OrderState, seen = new Set<OrderState>()): boolean {
  return transitions[from].some(
    (next) => next === to || (!seen.has(next) && canReach(next, to, seen.add(next))),
  );
}

/** Orders that have not shipped and are not cancelled: the only ones whose payment is captured. */
export const unshippedStates: readonly OrderState[] = orderStates.filter((s) =>
  canReach(s, 'shipped'),
);

/** The states a customer sees as a timeline, in order. */
export const timelineStates: readonly OrderState[] = [
  'placed',
  'payment_authorised',
  'preparing',
  'shipped',
  'delivered',
];

/**
 * A customer may cancel until the order is being prepared; an order with pre-order lines only
 * until the earliest of their pre-order windows closes.
 */
export function customerMayCancel(order: Order, lines: OrderLine[], now: Date): boolean {
  if (order.state !== 'placed' && order.state !== 'payment_authorised') return false;
  const closes = lines
    .filter((l) => l.isPreorder && l.preorderClosesAt)
    .map((l) => l.preorderClosesAt!.getTime());
  if (closes.length > 0 && now.getTime() >= Math.min(...closes)) return false;
  return true;
}

/** Whether the order sends a parcel at all; digital-only orders arrive by download. */
export function shipsParcel(lines: Pick<OrderLine, 'kind'>[]): boolean {
  return lines.some((l) => l.kind === 'physical');
}

/** The shipping address may change until the order is being prepared, if it ships a parcel. */
export function mayChangeAddress(order: Pick<Order, 'state'>, lines: Pick<OrderLine, 'kind'>[]) {
  return (order.state === 'placed' || order.state === 'payment_authorised') && shipsParcel(lines);
}
