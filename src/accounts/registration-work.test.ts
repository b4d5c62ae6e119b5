import { eq } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm/logger';
import { expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import { outboxMessages } from '../mail/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, testClock } from '../testing/factories.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';

/** Every statement Drizzle sends while `recording` is on, as SQL text (values are parameters). */
function statementRecorder() {
  const statements: string[] = [];
  let recording = false;
  const logger: Logger = {
    logQuery(query) {
      if (recording) statements.push(query);
    },
  };
  return {
    logger,
    async record(work: () => Promise<unknown>): Promise<string[]> {
      statements.length = 0;
      recording = true;
      try {
        await work();
      } finally {
        recording = false;
      }
      return [...statements];
    },
  };
}

describeEachDatabase(
  'registration does the same work for a new and a registered address',
  (kind) => {
    const recorder = statementRecorder();
    const { database } = useTestWorld(kind, { logger: recorder.logger });

    it('sends the same database statements, in the same order, before answering', async () => {
      const clock = testClock();
      const app = createApp(testAppDeps(database.db, { clock }));
      const existing = await makeMember(database.db);
      const post = async (tag: string, email: string | null) => {
        const browser = formClient(app);
        await browser.get('/account/register');
        const id = `${tag}${Math.random().toString(36).slice(2, 8)}`;
        let status = 0;
        const statements = await recorder.record(async () => {
          const res = await browser.post('/account/register', {
            memberCode: `w_${id}`,
            email: email ?? `new.${id}@example.com`,
            name: 'Aiko',
            password: 'a long enough password',
            locale: 'en',
          });
          status = res.status;
        });
        expect(status).toBe(303);
        return statements;
      };

      const fresh = await post('fresh', null);
      const taken = await post('taken', existing.email);
      // A sanity check that the recorder saw the registration itself.
      expect(fresh.some((s) => s.startsWith('insert into "members"'))).toBe(true);
      expect(taken.length).toBe(fresh.length);
      expect(taken).toEqual(fresh);
    });

    it('reaches the daily mail limit of an address after the same number of tries, new or taken', async () => {
      const clock = testClock();
      clock.advance(3 * 24 * 3600_000);
      const app = createApp(testAppDeps(database.db, { clock }));
      const existing = await makeMember(database.db);
      const fresh = `new.limit${Math.random().toString(36).slice(2, 8)}@example.com`;
      const mailsTo = async (recipient: string) =>
        (
          await database.db
            .select()
            .from(outboxMessages)
            .where(eq(outboxMessages.recipient, recipient))
        )
          .map((m) => m.topic)
          .sort();
      for (let i = 0; i < 4; i++)
        for (const email of [fresh, existing.email]) {
          const browser = formClient(app);
          await browser.get('/account/register');
          const res = await browser.post('/account/register', {
            memberCode: `lim_${i}_${Math.random().toString(36).slice(2, 8)}`,
            email,
            name: 'Aiko',
            password: 'a long enough password',
            locale: 'en',
          });
          expect(res.status).toBe(303);
        }
      // The new address: its code, then notices to the (unconfirmed) member it now belongs to.
      expect(await mailsTo(fresh)).toEqual([
        'registration_attempt',
        'registration_attempt',
        'registration_code',
      ]);
      expect(await mailsTo(existing.email)).toEqual([
        'registration_attempt',
        'registration_attempt',
        'registration_attempt',
      ]);
    });
  },
);
