import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { testClock } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import {
  addressBucket,
  delaySeconds,
  pruneSignInFailures,
  SIGN_IN_LIMITS,
  signInSucceeded,
  startSignInAttempt,
} from './sign-in-throttle.ts';

let unique = 0;
const freshLogin = () => `someone${++unique}@example.com`;

describe('sign-in delays', () => {
  it('lets the free failures through, then doubles the wait up to the cap', () => {
    const policy = SIGN_IN_LIMITS.loginAtAddress;
    const waits = [4, 5, 6, 7, 8, 9, 10, 40].map((n) => delaySeconds(n, policy));
    expect(waits).toEqual([0, 60, 120, 240, 480, 960, 1800, 1800]);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9');
  });
});

describeEachDatabase('sign-in throttle', (kind) => {
  const { database } = useTestWorld(kind);

  const attempt = (login: string, clientAddress: string, now: Date, door = 'member' as const) =>
    startSignInAttempt(database.db, { door, login, clientAddress, now });

  it('makes one address wait after five failures for a login, however the login is spelled', async () => {
    const clock = testClock();
    const login = freshLogin();
    const spellings = [
      login,
      login.toUpperCase(),
      login.replace('.com', '。com'),
      login.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
      ` ${login} `,
    ];
    for (const spelling of spellings)
      expect((await attempt(spelling, '198.51.100.1', clock.now())).ok, spelling).toBe(true);
    // Five failures: the sixth attempt waits a minute.
    expect(await attempt(login, '198.51.100.1', clock.now())).toEqual({
      ok: false,
      retryAfterSeconds: 60,
    });
    clock.advance(59_000);
    expect(await attempt(login, '198.51.100.1', clock.now())).toEqual({
      ok: false,
      retryAfterSeconds: 1,
    });
    clock.advance(1_000);
    // The sixth failure doubles the wait.
    expect((await attempt(login, '198.51.100.1', clock.now())).ok).toBe(true);
    expect(await attempt(login, '198.51.100.1', clock.now())).toEqual({
      ok: false,
      retryAfterSeconds: 120,
    });
    // Another client address is not kept waiting by this one.
    expect((await attempt(login, '198.51.100.2', clock.now())).ok).toBe(true);
  });

  it('never lets one address keep a login blocked for everyone', async () => {
    const clock = testClock();
    const login = freshLogin();
    // A day of guessing from one address, each guess as soon as it is let through.
    const dayLater = clock.now().getTime() + 24 * 3600_000;
    let guesses = 0;
    while (clock.now().getTime() < dayLater) {
      const gate = await attempt(login, '198.51.100.10', clock.now());
      if (gate.ok) guesses += 1;
      clock.advance(gate.ok ? 1_000 : gate.retryAfterSeconds * 1000);
    }
    expect(guesses).toBeLessThan(60);
    // The member, from anywhere else, signs in at once.
    const member = await attempt(login, '192.0.2.77', clock.now());
    expect(member.ok).toBe(true);
  });

  it('blocks a login for every address once guesses come from many addresses', async () => {
    const clock = testClock();
    const login = freshLogin();
    const { freeFailures } = SIGN_IN_LIMITS.login;
    const perAddress = SIGN_IN_LIMITS.loginAtAddress.freeFailures;
    for (let i = 0; i < freeFailures; i++)
      await attempt(login, `203.0.113.${Math.floor(i / perAddress) + 1}`, clock.now());
    const fromNewAddress = await attempt(login, '192.0.2.200', clock.now());
    expect(fromNewAddress).toEqual({ ok: false, retryAfterSeconds: 60 });
  });

  it('makes one address wait after 50 failures spread over many logins', async () => {
    const clock = testClock();
    for (let i = 0; i < SIGN_IN_LIMITS.address.freeFailures; i++)
      expect((await attempt(freshLogin(), '198.51.100.50', clock.now())).ok).toBe(true);
    const next = await attempt(freshLogin(), '198.51.100.50', clock.now());
    expect(next).toEqual({ ok: false, retryAfterSeconds: 60 });
    // An hour without failures and the address starts afresh.
    clock.advance(3600_000 + 1);
    expect((await attempt(freshLogin(), '198.51.100.50', clock.now())).ok).toBe(true);
  });

  it('counts a burst of parallel guesses as they arrive, letting only the free ones through', async () => {
    const clock = testClock();
    const login = freshLogin();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => attempt(login, '198.51.100.60', clock.now())),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(SIGN_IN_LIMITS.loginAtAddress.freeFailures);
  });

  it('forgets a login’s failures after a right password', async () => {
    const clock = testClock();
    const login = freshLogin();
    for (let i = 0; i < 4; i++) await attempt(login, '198.51.100.70', clock.now());
    const right = await attempt(login, '198.51.100.70', clock.now());
    if (!right.ok) throw new Error('the fifth attempt should be let through');
    await signInSucceeded(database.db, right.attempt);
    for (let i = 0; i < 5; i++)
      expect((await attempt(login, '198.51.100.70', clock.now())).ok).toBe(true);
  });

  it('keeps staff and member counters apart', async () => {
    const clock = testClock();
    const login = freshLogin();
    for (let i = 0; i < 5; i++) await attempt(login, '198.51.100.80', clock.now());
    expect((await attempt(login, '198.51.100.80', clock.now())).ok).toBe(false);
    const staffDoor = await startSignInAttempt(database.db, {
      door: 'staff',
      login,
      clientAddress: '198.51.100.81',
      now: clock.now(),
    });
    expect(staffDoor.ok).toBe(true);
  });

  it('prunes counters a day after their last failure', async () => {
    const clock = testClock();
    await attempt(freshLogin(), '198.51.100.90', clock.now());
    clock.advance(24 * 3600_000 + 10 * 60_000);
    expect(await pruneSignInFailures(database.db, clock.now())).toBeGreaterThan(0);
  });
});
