-- Registration decoys: a registration whose email already belongs to a member holds its member
-- ID and its password like a real pending one (see src/accounts/registration-decoys.ts).
create table registration_decoys (
  id uuid primary key,
  member_code text not null,
  email text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);
create index registration_decoys_member_code_idx on registration_decoys (lower(member_code));
create index registration_decoys_email_idx on registration_decoys (lower(email), created_at);

-- Decoys started before this table keep their code page; they hold no member ID, and their
-- password hash is one that no password matches (but still costs a full hash to check).
insert into registration_decoys (id, member_code, email, password_hash, created_at)
select distinct on (subject_id) subject_id::uuid, '', email,
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==',
  created_at
from verification_codes
where purpose = 'registration_decoy'
order by subject_id, created_at;
