-- PayPal checkouts (issue 11): a checkout also pauses while the customer approves a PayPal payment.
-- method says which: a card checkout holds the card authorisation (payment_ref) during 3-D Secure,
-- a PayPal checkout the PayPal order the customer approves (paypal_order_id, the `token` PayPal
-- sends back). claimed_at is set when a return claims the checkout to capture it, so two tabs
-- capture once; it stays set, so an abandoned checkout shows that a capture was tried.
alter table checkouts add column method text not null default 'card' check (method in ('card', 'paypal'));
alter table checkouts add column paypal_order_id text unique;
alter table checkouts add column claimed_at timestamptz;
alter table checkouts alter column payment_ref drop not null;
alter table checkouts add constraint checkouts_method_ref_check
  check ((method = 'card' and payment_ref is not null) or (method = 'paypal' and paypal_order_id is not null));
alter table checkouts drop constraint checkouts_state_check;
alter table checkouts add constraint checkouts_state_check
  check (state in ('awaiting_challenge', 'awaiting_approval', 'capturing', 'completed', 'abandoned'));
