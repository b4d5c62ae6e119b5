import { beforeAll, describe, expect, it } from 'vitest';
import { suppressAddress } from '../mail/suppressions.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { useTestWorld } from '../testing/world.ts';
import { answerAddress, maskEmail } from './answer-address.ts';

describe('masking an address for the notice to an order’s current address', () => {
  it('keeps the first character and the domain only', () => {
    expect(maskEmail('new.box@example.net')).toBe('n***@example.net');
    expect(maskEmail('x@example.net')).toBe('x***@example.net');
    expect(maskEmail('山田@example.jp')).toBe('山***@example.jp');
  });
});

describeEachDatabase('where inquiry mail goes', (kind) => {
  const { database } = useTestWorld(kind);
  beforeAll(async () => {
    await suppressAddress(database.db, {
      email: 'Dead.Box@example.com',
      reason: 'hard_bounce',
      source: 'test',
    });
  });

  it('answers a contact-email request at the new address, even while the own one works', async () => {
    expect(
      await answerAddress(database.db, {
        category: 'contact_email',
        email: 'live@example.com',
        newEmail: 'new@example.com',
      }),
    ).toBe('new@example.com');
  });

  it('answers other inquiries at the customer’s own address while it can be mailed', async () => {
    expect(
      await answerAddress(database.db, {
        category: 'missing_email',
        email: 'live@example.com',
        newEmail: 'new@example.com',
      }),
    ).toBe('live@example.com');
  });

  it('answers the new address a customer gave when their own is suppressed', async () => {
    expect(
      await answerAddress(database.db, {
        category: 'missing_email',
        email: 'dead.box@example.com',
        newEmail: 'new@example.com',
      }),
    ).toBe('new@example.com');
  });

  it('keeps the suppressed address when there is no other (the delivery log then says why)', async () => {
    expect(
      await answerAddress(database.db, {
        category: 'contact_email',
        email: 'dead.box@example.com',
        newEmail: null,
      }),
    ).toBe('dead.box@example.com');
  });
});
