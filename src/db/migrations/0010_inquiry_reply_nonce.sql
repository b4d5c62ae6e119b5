-- A staff reply form carries a one-time token; the same token twice for one inquiry is one reply.
alter table inquiry_messages add column form_nonce text;
create unique index inquiry_messages_form_nonce_idx on inquiry_messages (inquiry_id, form_nonce);
