import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { useTestWorld } from '../testing/world.ts';
import {
  CODE_MAX_ATTEMPTS,
  checkCode,
  checkLink,
  issueCode,
  markCodeUsed,
} from './verification-codes.ts';

describeEachDatabase('verification codes', (kind) => {
  const { database } = useTestWorld(kind);
  const t0 = new Date('2026-11-26T00:00:00Z');
  const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  const issue = (subjectId: string) =>
    database.db.transaction((tx) =>
      issueCode(tx, { purpose: 'order_lookup', subjectId, email: 'a@example.com', now: t0 }),
    );
  const check = (subjectId: string, code: string, at = later(1)) =>
    checkCode(database.db, { purpose: 'order_lookup', subjectId, code, now: at });

  it('accepts the right code once', async () => {
    const code = await issue('s1');
    expect(code).toMatch(/^\d{6}$/);
    expect(await check('s1', code)).toEqual({ ok: true, email: 'a@example.com' });
    expect(await check('s1', code)).toEqual({ ok: false, reason: 'no_code' });
  });

  it('expires after ten minutes', async () => {
    const code = await issue('s2');
    expect(await check('s2', code, later(10))).toEqual({ ok: false, reason: 'expired' });
  });

  it('locks the code after five wrong tries, even for the right code', async () => {
    const code = await issue('s3');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i < CODE_MAX_ATTEMPTS; i++) {
      expect(await check('s3', wrong)).toEqual({
        ok: false,
        reason: 'wrong_code',
        attemptsLeft: CODE_MAX_ATTEMPTS - i,
      });
    }
    expect(await check('s3', wrong)).toEqual({ ok: false, reason: 'too_many_attempts' });
    expect(await check('s3', code)).toEqual({ ok: false, reason: 'too_many_attempts' });
  });

  it('retires an older code when a new one is issued', async () => {
    const first = await issue('s4');
    const second = await issue('s4');
    if (first !== second) expect((await check('s4', first)).ok).toBe(false);
    expect(await check('s4', second)).toEqual({ ok: true, email: 'a@example.com' });
  });

  it('issues a code that also works as a link, for its own lifetime, until it is used', async () => {
    const token = `link-token-${Math.random().toString(36).slice(2)}`;
    const linked = () =>
      database.db.transaction((tx) =>
        issueCode(tx, {
          purpose: 'password_reset',
          subjectId: 's5',
          email: 'b@example.com',
          now: t0,
          ttlMinutes: 30,
          linkToken: token,
        }),
      );
    await linked();
    const link = (at: Date) =>
      checkLink(database.db, { purpose: 'password_reset', token, now: at });
    const found = await link(later(29));
    expect(found).toMatchObject({ ok: true, subjectId: 's5', email: 'b@example.com' });
    expect(await link(later(30))).toEqual({ ok: false, reason: 'expired' });
    expect(await checkLink(database.db, { purpose: 'order_lookup', token, now: later(1) })).toEqual(
      { ok: false, reason: 'invalid' },
    );
    if (!found.ok) throw new Error('link not found');
    await database.db.transaction((tx) => markCodeUsed(tx, found.id, later(2)));
    expect(await link(later(3))).toEqual({ ok: false, reason: 'invalid' });
  });
});
