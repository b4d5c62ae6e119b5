-- A verification code can also travel as a link (password reset): only the link token's hash is kept.
alter table verification_codes add column link_hash text;
create unique index verification_codes_link_idx on verification_codes (link_hash)
  where link_hash is not null;
