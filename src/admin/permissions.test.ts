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

  it('lets support and admin use all of mail, fulfilment only read the log, catalog none of it', () => {
    for (const role of ['admin', 'support'] as const) {
      expect(may(role, 'view_mail')).toBe(true);
      expect(may(role, 'manage_mail')).toBe(true);
    }
    expect(may('fulfilment', 'view_mail')).toBe(true);
    expect(may('fulfilment', 'manage_mail')).toBe(false);
    expect(may('catalog', 'view_mail')).toBe(false);
    expect(may('catalog', 'manage_mail')).toBe(false);
  });

  it('sends every role to a page it may open', () => {
    for (const role of staffRoles) {
      const action = homePath(role) === '/admin/orders' ? 'view_orders' : 'edit_products';
      expect(may(role, action)).toBe(true);
    }
  });
});
