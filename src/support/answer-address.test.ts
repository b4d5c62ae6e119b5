import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { suppressAddress } from '../mail/suppressions.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { answerAddress } from './answer-address.ts';

describeEachDatabase('where inquiry mail goes', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await suppressAddress(database.db, {
      email: 'Dead.Box@example.com',
      reason: 'hard_bounce',
      source: 'test',
    });
  });
  afterAll(() => database.close());

  it('answers the customer’s own address while it can be mailed', async () => {
    expect(
      await answerAddress(database.db, { email: 'live@example.com', newEmail: 'new@example.com' }),
    ).toBe('live@example.com');
  });

  it('answers the new address a customer gave when their own is suppressed', async () => {
    expect(
      await answerAddress(database.db, {
        email: 'dead.box@example.com',
        newEmail: 'new@example.com',
      }),
    ).toBe('new@example.com');
  });

  it('keeps the suppressed address when there is no other (the delivery log then says why)', async () => {
    expect(
      await answerAddress(database.db, { email: 'dead.box@example.com', newEmail: null }),
    ).toBe('dead.box@example.com');
  });
});
