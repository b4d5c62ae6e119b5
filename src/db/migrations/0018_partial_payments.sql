-- Partial amounts (0011, "partial amounts"): an order charges the card for charge_jpy, which
-- points may one day make smaller than total_jpy; today they are equal, so every order is
-- backfilled with its total. captured_jpy is what the card network actually took.
alter table orders add column charge_jpy integer;
update orders set charge_jpy = total_jpy;
alter table orders alter column charge_jpy set not null;
alter table orders add constraint orders_charge_jpy_check check (charge_jpy between 0 and total_jpy);
alter table orders add column captured_jpy integer not null default 0;
update orders set captured_jpy = total_jpy
  where payment_state in ('captured', 'refund_pending', 'refunded');

-- The shop's record of every refund: one row per idempotency key, written in the transaction of
-- the order change that causes it, pending until the card network confirms.
create table payment_refunds (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references orders (id) on delete cascade,
  payment_ref text not null,
  amount_jpy integer not null check (amount_jpy > 0),
  reason text not null,
  idempotency_key text not null unique,
  provider_refund_ref text,
  state text not null check (state in ('pending', 'refunded')),
  created_at timestamptz not null default now(),
  refunded_at timestamptz
);
create index payment_refunds_order_idx on payment_refunds (order_id, created_at);
create index payment_refunds_pending_idx on payment_refunds (created_at) where state = 'pending';

-- Refunds of cancelled orders that were pending before this table existed become rows, so the
-- worker sends them with the same key it always would.
insert into payment_refunds (order_id, payment_ref, amount_jpy, reason, idempotency_key, state, created_at)
  select id, payment_ref, captured_jpy, 'order cancelled', 'cancel:' || id, 'pending', updated_at
  from orders where payment_state = 'refund_pending' and captured_jpy > 0;
insert into payment_refunds (order_id, payment_ref, amount_jpy, reason, idempotency_key, state, created_at, refunded_at)
  select id, payment_ref, captured_jpy, 'order cancelled', 'cancel:' || id, 'refunded', updated_at, updated_at
  from orders where payment_state = 'refunded' and captured_jpy > 0;

-- The sandbox card network refunds in parts, each once per idempotency key, and its ledger
-- cannot refund more than it captured nor capture more than it authorised.
create table sandbox_refunds (
  ref text primary key,
  payment_ref text not null references sandbox_payments (ref),
  idempotency_key text not null unique,
  amount_jpy integer not null check (amount_jpy > 0),
  created_at timestamptz not null default now()
);
create index sandbox_refunds_payment_idx on sandbox_refunds (payment_ref);
alter table sandbox_payments add constraint sandbox_payments_refunds_within_capture
  check (refunded_jpy between 0 and captured_jpy);
alter table sandbox_payments add constraint sandbox_payments_capture_within_authorisation
  check (captured_jpy between 0 and amount_jpy);
