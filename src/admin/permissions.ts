import type { StaffRole } from './tables.ts';

/** What a member of staff may try to do in the admin console. */
export type AdminAction =
  | 'view_orders'
  | 'move_orders'
  | 'cancel_orders'
  | 'edit_products'
  /** The delivery log: who was mailed what, and what their server said. */
  | 'view_mail'
  /** Mail content and changes: mailbox, raw sources, resends, suppressions, notices, contact email. */
  | 'manage_mail'
  /** Member accounts: profiles, their orders and the account event log. */
  | 'view_members'
  /** The inquiry desk: read, assign, reply, apply a new contact email; guide helpfulness. */
  | 'answer_inquiries';

const allowed: Record<StaffRole, readonly AdminAction[]> = {
  admin: [
    'view_orders',
    'move_orders',
    'cancel_orders',
    'edit_products',
    'view_mail',
    'manage_mail',
    'view_members',
    'answer_inquiries',
  ],
  support: [
    'view_orders',
    'move_orders',
    'cancel_orders',
    'view_mail',
    'manage_mail',
    'view_members',
    'answer_inquiries',
  ],
  fulfilment: ['view_orders', 'move_orders', 'view_mail'],
  catalog: ['edit_products'],
};

/** Whether a staff role may perform an admin action. */
export function may(role: StaffRole, action: AdminAction): boolean {
  return allowed[role].includes(action);
}

/** Where a role lands after signing in: the first area it may use. */
export function homePath(role: StaffRole): string {
  return may(role, 'view_orders') ? '/admin/orders' : '/admin/products';
}
