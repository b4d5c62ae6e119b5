-- The Message-ID of a customer mail kept in an inquiry's thread: the same mail delivered again (a
-- sending server retrying after our temporary failure, a mail program resending) is kept once.
alter table inquiry_messages add column mail_message_id text;
create unique index inquiry_messages_mail_message_id_idx on inquiry_messages (mail_message_id)
  where mail_message_id is not null;
