-- The cart an order was placed from: an Idempotency-Key replays its order only to that cart (and
-- buyer). Orders placed before this column have none, so their keys replay to nobody.
alter table orders add column cart_id uuid;
