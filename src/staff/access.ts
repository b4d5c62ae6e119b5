import type { MiddlewareHandler } from 'hono';
import { renderForbidden } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { type AdminAction, may } from './permissions.ts';

/** Everything in the console needs a signed-in staff member. */
export const requireStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('staff')) return c.redirect('/admin/sign-in', 303);
  return next();
};

/** Lets the request through only when the staff member's role covers `action`. */
export function allow(action: AdminAction): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const staff = c.get('staff');
    if (!staff) return c.redirect('/admin/sign-in', 303);
    if (!may(staff.role, action)) return renderForbidden(c);
    return next();
  };
}

/** The actor recorded on order events for this staff member. */
export function staffActor(email: string): `staff:${string}` {
  return `staff:${email}`;
}

/** What staff typed, to put back into a form that failed; secrets and the CSRF token stay out. */
export function typedValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === 'string' && key !== 'password' && key !== '_csrf') values[key] = value;
  return values;
}
