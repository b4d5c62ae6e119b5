import type { Context } from 'hono';
import { may } from '../../staff/permissions.ts';
import type { AppEnv } from '../../web/context.ts';
import { Csrf } from '../../web/layout.tsx';

/** The console's top nav: the areas the signed-in role may use, and signing out. */
export function adminNav(c: Context<AppEnv>) {
  const staff = c.get('staff');
  const shopName = c.get('deps').env.SHOP_NAME;
  return (
    <nav class="admin-nav" aria-label="Admin">
      <a class="admin-brand" href="/admin">
        {shopName} admin
      </a>
      {staff && may(staff.role, 'view_orders') && <a href="/admin/orders">Orders</a>}
      {staff && may(staff.role, 'edit_products') && <a href="/admin/products">Products</a>}
      {staff && may(staff.role, 'view_mail_log') && <a href="/admin/mail">Mail log</a>}
      {staff && may(staff.role, 'read_mailbox') && <a href="/admin/mailbox">Mailbox</a>}
      {staff && may(staff.role, 'view_members') && <a href="/admin/members">Members</a>}
      {staff && may(staff.role, 'answer_inquiries') && (
        <>
          <a href="/admin/inquiries">Inquiries</a>
          <a href="/admin/guide">Guide feedback</a>
        </>
      )}
      {staff && may(staff.role, 'manage_mail') && (
        <>
          <a href="/admin/suppressions">Suppressions</a>
          <a href="/admin/notices/new">Notices</a>
          <a href="/admin/newsletters">Newsletters</a>
        </>
      )}
      {staff && (
        <>
          <span class="admin-who">
            {staff.email} · {staff.role}
          </span>
          <form method="post" action="/admin/sign-out" class="inline">
            <Csrf token={c.get('csrfToken')} />
            <button type="submit" class="link">
              Sign out
            </button>
          </form>
        </>
      )}
    </nav>
  );
}
