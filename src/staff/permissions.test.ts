import { describe, expect, it } from 'vitest';
import { homePath, may } from './permissions.ts';
import { staffRoles } from './tables.ts';

describe('staff permissions', () => {
  it('lets admins do everything', () => {
    for (const action of ['view_orders', 'move_orders', 'cancel_orders', 'edit_products'] as const)
      expect(may('admin', action)).toBe(true);
  });

  it('lets fulfilment view and move orders but not cancel them or edit products', () => {
    expect(may('fulfilment', 'view_orders')).toBe(true);
    expect(may('fulfilment', 'move_orders')).toBe(true);
    expect(may('fulfilment', 'cancel_orders')).toBe(false);
    expect(may('fulfilment', 'edit_products')).toBe(false);
  });

  it('lets support cancel orders as well, but not edit products', () => {
    expect(may('support', 'move_orders')).toBe(true);
    expect(may('support', 'cancel_orders')).toBe(true);
    expect(may('support', 'edit_products')).toBe(false);
  });

  it('keeps the catalog team to products', () => {
    expect(may('catalog', 'edit_products')).toBe(true);
    expect(may('catalog', 'view_orders')).toBe(false);
    expect(may('catalog', 'move_orders')).toBe(false);
    expect(may('catalog', 'cancel_orders')).toBe(false);
  });

  it('gives each role the mail it needs: fulfilment the log, support the text, admin the source and mailbox', () => {
    const mailActions = [
      'view_mail_log',
      'read_mail_body',
      'read_mail_source',
      'read_mailbox',
      'manage_mail',
    ] as const;
    const matrix = Object.fromEntries(
      staffRoles.map((role) => [role, mailActions.filter((action) => may(role, action))]),
    );
    expect(matrix).toEqual({
      admin: [...mailActions],
      support: ['view_mail_log', 'read_mail_body', 'manage_mail'],
      fulfilment: ['view_mail_log'],
      catalog: [],
    });
  });

  it('sends every role to a page it may open', () => {
    for (const role of staffRoles) {
      const action = homePath(role) === '/admin/orders' ? 'view_orders' : 'edit_products';
      expect(may(role, action)).toBe(true);
    }
  });
});
