import type { StaffRole } from './tables.ts';

/** What a member of staff may try to do in the admin console. */
export type AdminAction =
  | 'view_orders'
  | 'move_orders'
  | 'cancel_orders'
  | 'edit_products'
  /** The delivery log: which mail went to whom, its state and what the receiving server said. */
  | 'view_mail_log'
  /** A mail's subject and body as the customer read it; secrets hidden (docs/decisions/0014). */
  | 'read_mail_body'
  /** A mail's raw MIME source (headers, DKIM, parts); secrets hidden or the source withheld. */
  | 'read_mail_source'
  /** The development mailbox (the embedded catcher): mail exactly as received, secrets included. */
  | 'read_mailbox'
  /** Changes to mail: resends, suppressions, notices, an order's contact email. */
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
    'view_mail_log',
    'read_mail_body',
    'read_mail_source',
    'read_mailbox',
    'manage_mail',
    'view_members',
    'answer_inquiries',
  ],
  support: [
    'view_orders',
    'move_orders',
    'cancel_orders',
    'view_mail_log',
    'read_mail_body',
    'manage_mail',
    'view_members',
    'answer_inquiries',
  ],
  fulfilment: ['view_orders', 'move_orders', 'view_mail_log'],
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
