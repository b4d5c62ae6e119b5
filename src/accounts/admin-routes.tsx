import { Hono } from 'hono';
import { z } from 'zod';
import { listMemberOrders } from '../orders/find-orders.ts';
import { allow } from '../staff/access.ts';
import { renderAdminMessage, renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { accountEventTypes } from './account-events.ts';
import { listAddresses } from './address-book.ts';
import { listAccountEvents } from './find-account-events.ts';
import {
  AccountEventsPage,
  MemberDetailPage,
  MemberSearchPage,
} from './pages/admin-member-pages.tsx';
import { findMemberProfile, searchMembers } from './search-members.ts';

const MEMBER_LIMIT = 50;
const EVENT_LIMIT = 100;

const eventFilter = z.object({
  type: z.union([z.literal(''), z.enum(accountEventTypes)]).default(''),
  before: z.union([z.literal(''), z.coerce.number().int().positive()]).default(''),
});

/** Staff's view of member accounts (mounted at /admin): search, one member, the event log. */
export const accountAdminRoutes = new Hono<AppEnv>()
  .get('/members', allow('view_members'), async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 254);
    const members = await searchMembers(c.get('deps').db, {
      q,
      limit: MEMBER_LIMIT,
      offset: 0,
    });
    return renderAdminPage(
      c,
      'Members',
      <MemberSearchPage q={q} members={members} searched={q !== ''} />,
    );
  })
  .get('/members/:id', allow('view_members'), async (c) => {
    const { db } = c.get('deps');
    const member = await findMemberProfile(db, c.req.param('id'));
    if (!member) return renderAdminMessage(c, 404, 'Member not found', 'There is no such member.');
    const [addresses, orders, events] = await Promise.all([
      listAddresses(db, member.id),
      listMemberOrders(db, member.id, 100),
      listAccountEvents(db, { memberId: member.id, limit: EVENT_LIMIT }),
    ]);
    return renderAdminPage(
      c,
      `Member ${member.memberCode}`,
      <MemberDetailPage member={member} addresses={addresses} orders={orders} events={events} />,
    );
  })
  .get('/account-events', allow('view_members'), async (c) => {
    const parsed = eventFilter.safeParse(c.req.query());
    if (!parsed.success) {
      return renderAdminPage(
        c,
        'Account events',
        <AccountEventsPage
          type=""
          events={[]}
          nextBefore={null}
          error="That filter cannot be used: choose an event type from the list."
        />,
        400,
      );
    }
    const { type, before } = parsed.data;
    const events = await listAccountEvents(c.get('deps').db, {
      type: type || undefined,
      beforeId: before || undefined,
      limit: EVENT_LIMIT,
    });
    const nextBefore = events.length === EVENT_LIMIT ? events.at(-1)!.id : null;
    return renderAdminPage(
      c,
      'Account events',
      <AccountEventsPage type={type} events={events} nextBefore={nextBefore} />,
    );
  });
