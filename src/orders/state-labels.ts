import type { OrderState } from './tables.ts';

/** What staff pages call each order state (the console is English only). */
export const stateLabels: Record<OrderState, string> = {
  placed: 'Placed',
  payment_authorised: 'Payment authorised',
  preparing: 'Preparing',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};
