-- Points (issue 12, decision 0016): an append-only ledger. A lot is what one event credited
-- (points earned on an order, points given back after their lot expired); an entry is every
-- change to a lot, tied to its lot and order. A lot's remaining is written only in the
-- transaction that writes its entries, so it always equals the lot's entries summed (CHECKed >= 0).
create table point_lots (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null references members(id) on delete cascade,
  -- The order it was earned on, or whose spending it gives back.
  order_id uuid references orders(id),
  source text not null check (source in ('earn', 'restore', 'adjust')),
  points integer not null check (points > 0),
  remaining integer not null,
  earned_at timestamptz not null,
  -- The last instant the lot may be spent (end of a Japanese month).
  expires_at timestamptz not null,
  -- A restore lot stands in for this lot, whose expiry had passed when the order gave it back.
  renews_lot_id uuid references point_lots(id),
  created_at timestamptz not null default now(),
  constraint point_lots_remaining_check check (remaining >= 0 and remaining <= points)
);

-- Earning is once per order; a lot given back is once per order and expired lot.
create unique index point_lots_earn_once on point_lots (order_id) where source = 'earn';
create unique index point_lots_restore_once on point_lots (order_id, renews_lot_id)
  where source = 'restore';
create index point_lots_member_idx on point_lots (member_id, expires_at);
create index point_lots_expiry_idx on point_lots (expires_at) where remaining > 0;

create table point_entries (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null references members(id) on delete cascade,
  -- Null only for a clawback's shortfall: a debt no lot could pay, settled by later earnings.
  lot_id uuid references point_lots(id),
  order_id uuid references orders(id),
  kind text not null
    check (kind in ('earn', 'spend', 'restore', 'clawback', 'expire', 'forfeit', 'adjust')),
  -- Signed change to the lot (or, lotless, the debt owed as a negative number).
  points integer not null check (points <> 0),
  -- Tells apart entries of one order, kind and lot: the refund a clawback is for; '' otherwise.
  reference text not null default '',
  -- A clawback taken from a later lot to settle an earlier shortfall of the same order and reference.
  settles_debt boolean not null default false,
  created_at timestamptz not null default now(),
  constraint point_entries_once unique nulls not distinct (order_id, kind, lot_id, reference),
  constraint point_entries_sign_check check (
    (kind in ('earn', 'restore') and points > 0)
    or (kind in ('spend', 'clawback', 'expire', 'forfeit') and points < 0)
    or kind = 'adjust'
  ),
  constraint point_entries_lot_check check (lot_id is not null or kind = 'clawback')
);

create index point_entries_member_idx on point_entries (member_id, created_at);
create index point_entries_lot_idx on point_entries (lot_id);
