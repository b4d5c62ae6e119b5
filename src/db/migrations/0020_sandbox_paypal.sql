-- The in-shop sandbox PayPal (payments/paypal/sandbox-paypal.ts): when no PayPal credentials are
-- set, this stands in for PayPal's side of the world, like sandbox_payments does for the card
-- network. Its state is here, not in process memory, so every web process sees the same orders.
create table sandbox_paypal_orders (
  id text primary key,
  -- PayPal-Request-Id of the create call: a retry answers the same order.
  create_request_id text not null unique,
  status text not null
    check (status in ('PAYER_ACTION_REQUIRED', 'APPROVED', 'COMPLETED')),
  amount_jpy integer not null check (amount_jpy > 0),
  custom_id text not null,
  invoice_id text,
  return_url text not null,
  cancel_url text not null,
  payer_id text,
  -- What the buyer chose on the approval page for the next capture; null is a plain COMPLETED one.
  next_capture text check (next_capture in ('PENDING', 'INSTRUMENT_DECLINED')),
  capture_id text unique,
  capture_request_id text,
  capture_status text
    check (capture_status in ('COMPLETED', 'PENDING', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
  captured_jpy integer not null default 0,
  refunded_jpy integer not null default 0,
  captured_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (refunded_jpy >= 0 and refunded_jpy <= captured_jpy),
  check ((capture_id is null) = (capture_status is null))
);

-- PayPal refuses a second payment for one invoice id; a declined capture took no money.
create unique index sandbox_paypal_orders_paid_invoice
  on sandbox_paypal_orders (invoice_id)
  where capture_id is not null and capture_status <> 'DECLINED';

create table sandbox_paypal_refunds (
  id text primary key,
  capture_id text not null references sandbox_paypal_orders (capture_id),
  -- PayPal-Request-Id of the refund call: a retry answers the same refund, money moves once.
  request_id text not null,
  amount_jpy integer not null check (amount_jpy > 0),
  note_to_payer text,
  created_at timestamptz not null default now(),
  unique (capture_id, request_id)
);
