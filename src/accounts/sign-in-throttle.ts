import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';
import { identityKey } from './login-identity.ts';

/**
 * Failed sign-ins by key. `failures` counts wrong attempts in a row (a success clears the login's
 * rows); it starts again from one when the last failure is older than the policy's forget time.
 */
export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  door: text('door', { enum: ['member', 'staff'] }).notNull(),
  identity: text('identity'),
  failures: integer('failures').notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});

/** Who signs in: members (web form and Store API share counters) or staff. */
export type SignInDoor = 'member' | 'staff';

export interface FailurePolicy {
  /** Failures in a row that cost nothing; from the last of them on, each makes the next attempt wait. */
  freeFailures: number;
  /** The wait after the last free failure; it doubles with each further failure. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A counter whose last failure is older than this starts again from zero. */
  forgetAfterSeconds: number;
}

/**
 * The limits every sign-in door shares (see docs/decisions/0013-sign-in-throttle.md).
 * - `loginAtAddress`: one login guessed from one client address, the brute-force guard.
 * - `login`: one login from anywhere, against guessing spread over many addresses. Only the free
 *   failures of each address count here, so one address can never keep an account blocked.
 * - `address`: any login from one client address, against trying one password on many accounts.
 */
export const SIGN_IN_LIMITS = {
  loginAtAddress: {
    freeFailures: 5,
    firstDelaySeconds: 60,
    maxDelaySeconds: 30 * 60,
    forgetAfterSeconds: 24 * 3600,
  },
  login: {
    freeFailures: 20,
    firstDelaySeconds: 60,
    maxDelaySeconds: 30 * 60,
    forgetAfterSeconds: 24 * 3600,
  },
  address: {
    freeFailures: 50,
    firstDelaySeconds: 60,
    maxDelaySeconds: 30 * 60,
    forgetAfterSeconds: 3600,
  },
} as const satisfies Record<string, FailurePolicy>;

type Scope = keyof typeof SIGN_IN_LIMITS;

/** Seconds the next attempt waits after `failures` wrong ones in a row (0 before the free ones are used). */
export function delaySeconds(failures: number, policy: FailurePolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(
    policy.firstDelaySeconds * 2 ** (failures - policy.freeFailures),
    policy.maxDelaySeconds,
  );
}

/**
 * What a client address counts as: an IPv4 address (also IPv4-mapped IPv6) as it is, an IPv6
 * address by its /64, because one home or server usually holds a whole /64.
 */
export function addressBucket(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1]!;
  if (!address.includes(':')) return address;
  const bare = address.split('%')[0]!.toLowerCase();
  const [head = '', tail] = bare.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array(Math.max(8 - front.length - back.length, 0)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/** A sign-in that was let through; pass it to `signInSucceeded` when the password was right. */
export interface SignInAttempt {
  door: SignInDoor;
  identity: string;
  keys: Record<Scope, string>;
}

export type SignInGate =
  | { ok: true; attempt: SignInAttempt }
  | { ok: false; retryAfterSeconds: number };

function keysOf(door: SignInDoor, identity: string, address: string): Record<Scope, string> {
  return {
    loginAtAddress: `${door}:login-at:${address}|${identity}`,
    login: `${door}:login:${identity}`,
    address: `${door}:address:${address}`,
  };
}

function forgetBefore(now: Date, policy: FailurePolicy): Date {
  return new Date(now.getTime() - policy.forgetAfterSeconds * 1000);
}

/** Seconds until a counter lets the next attempt through; 0 when it does now. */
function waitSeconds(
  row: { failures: number; lastFailureAt: Date },
  policy: FailurePolicy,
  now: Date,
): number {
  if (row.lastFailureAt < forgetBefore(now, policy)) return 0;
  const until = row.lastFailureAt.getTime() + delaySeconds(row.failures, policy) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** The longest wait any of the attempt's counters asks for, in seconds. */
async function secondsToWait(db: Db, keys: Record<Scope, string>, now: Date): Promise<number> {
  const rows = await db
    .select()
    .from(signInFailures)
    .where(inArray(signInFailures.key, Object.values(keys)));
  const scopes = Object.keys(keys) as Scope[];
  return Math.max(
    0,
    ...scopes.map((scope) => {
      const row = rows.find((r) => r.key === keys[scope]);
      return row ? waitSeconds(row, SIGN_IN_LIMITS[scope], now) : 0;
    }),
  );
}

/**
 * Counts one failure on a key unless the key is waiting (checked under the row lock, so attempts
 * racing each other cannot all slip through); the failures after it, or null when it was waiting.
 */
async function countFailure(
  db: Db,
  input: { door: SignInDoor; key: string; identity: string | null; now: Date },
  policy: FailurePolicy,
): Promise<number | null> {
  const now = input.now.toISOString();
  const forget = forgetBefore(input.now, policy).toISOString();
  const [row] = rowsOf<{ failures: number }>(
    await db.execute(sql`
      insert into sign_in_failures (key, door, identity, failures, last_failure_at)
      values (${input.key}, ${input.door}, ${input.identity}, 1, ${now})
      on conflict (key) do update set
        failures = case when sign_in_failures.last_failure_at < ${forget}::timestamptz then 1
                        else sign_in_failures.failures + 1 end,
        last_failure_at = ${now}::timestamptz
      where sign_in_failures.failures < ${policy.freeFailures}
         or sign_in_failures.last_failure_at < ${forget}::timestamptz
         or sign_in_failures.last_failure_at
              + least(${policy.firstDelaySeconds} * power(2, sign_in_failures.failures - ${policy.freeFailures}),
                      ${policy.maxDelaySeconds}) * interval '1 second'
            <= ${now}::timestamptz
      returning failures`),
  );
  return row ? Number(row.failures) : null;
}

/**
 * Asks whether a sign-in may check its password now, before anything is verified. The attempt is
 * counted as a failure straight away (so a burst of parallel guesses is counted as it arrives) and
 * `signInSucceeded` takes it back. Unknown logins are counted exactly like real ones.
 */
export async function startSignInAttempt(
  db: Db,
  input: { door: SignInDoor; login: string; clientAddress: string | null | undefined; now: Date },
): Promise<SignInGate> {
  const identity = identityKey(input.login);
  const keys = keysOf(input.door, identity, addressBucket(input.clientAddress ?? 'unknown'));
  const wait = await secondsToWait(db, keys, input.now);
  if (wait > 0) return { ok: false, retryAfterSeconds: wait };

  const count = (scope: Scope, withIdentity: boolean) =>
    countFailure(
      db,
      {
        door: input.door,
        key: keys[scope],
        identity: withIdentity ? identity : null,
        now: input.now,
      },
      SIGN_IN_LIMITS[scope],
    );
  const atAddress = await count('loginAtAddress', true);
  const fromAddress = await count('address', false);
  // Past its free failures, an address no longer adds to the login's count (see SIGN_IN_LIMITS).
  const onLogin =
    atAddress !== null && atAddress <= SIGN_IN_LIMITS.loginAtAddress.freeFailures
      ? await count('login', true)
      : 0;
  if (atAddress === null || fromAddress === null || onLogin === null) {
    // Another attempt got in first and the wait began: answer like any waiting attempt.
    return { ok: false, retryAfterSeconds: Math.max(1, await secondsToWait(db, keys, input.now)) };
  }
  return { ok: true, attempt: { door: input.door, identity, keys } };
}

/** The password was right: the login's failures are forgotten, the address's take this one back. */
export async function signInSucceeded(db: Db | Tx, attempt: SignInAttempt): Promise<void> {
  await clearSignInFailures(db, attempt);
  await db
    .update(signInFailures)
    .set({ failures: sql`greatest(${signInFailures.failures} - 1, 0)` })
    .where(eq(signInFailures.key, attempt.keys.address));
}

/** Forgets a login's failures (all addresses), e.g. when staff is unlocked or a password is reset. */
export async function clearSignInFailures(
  db: Db | Tx,
  input: { door: SignInDoor; identity: string },
): Promise<void> {
  await db
    .delete(signInFailures)
    .where(and(eq(signInFailures.door, input.door), eq(signInFailures.identity, input.identity)));
}

/** Deletes counters that every policy has forgotten (a day after their last failure). */
export async function pruneSignInFailures(db: Db, now: Date): Promise<number> {
  const longest = Math.max(...Object.values(SIGN_IN_LIMITS).map((p) => p.forgetAfterSeconds));
  const gone = await db
    .delete(signInFailures)
    .where(lt(signInFailures.lastFailureAt, new Date(now.getTime() - longest * 1000)))
    .returning({ key: signInFailures.key });
  return gone.length;
}
