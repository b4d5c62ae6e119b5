-- Early capture and payment fix: a capture is claimed before the card network is asked (so two
-- workers never capture one order), and a failed capture leaves the customer a window to enter
-- another card before the order is cancelled.
alter table orders add column capture_claimed_at timestamptz;
alter table orders add column payment_fix_due_at timestamptz;
-- A new card's authorisation waiting for its 3-D Secure challenge.
alter table orders add column payment_fix_ref text;
create index orders_payment_state_idx on orders (payment_state, created_at);
-- The sandbox's test card that authorises but fails at capture.
alter table sandbox_payments add column fails_capture boolean not null default false;
