import { beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../lib/clock.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { demoCatalog } from './demo-catalog.ts';
import { findProductBySlug, listProducts } from './list-products.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';

describeEachDatabase('catalog listing and search', (kind) => {
  const { database } = useTestWorld(kind);
  beforeAll(async () => {
    await seedDemoCatalog(database.db, fixedClock(new Date('2026-11-26T00:00:00Z')));
    await makeProduct(database.db, {
      sku: 'SRCH-1',
      titleEn: 'Moonlit Parade acrylic stand',
      titleJa: '月夜のパレード アクリルスタンド',
      descriptionEn: 'A clear stand with the whole band.',
      descriptionJa: 'バンド全員が並んだ透明スタンドです。',
    });
  });

  it('seeds the demo catalog once and never twice', async () => {
    expect(await seedDemoCatalog(database.db, fixedClock(new Date()))).toBe(0);
    const all = await listProducts(database.db, { includeMemberOnly: true, limit: 200 });
    // Ended products are not listed.
    expect(all.length).toBe(demoCatalog.filter((p) => p.status !== 'ended').length + 1);
  });

  it('finds products by English words, word prefixes and Japanese fragments', async () => {
    const titles = async (q: string) =>
      (await listProducts(database.db, { q, includeMemberOnly: false })).map((p) => p.sku);
    expect(await titles('moonlit parade')).toEqual(['SRCH-1']);
    expect(await titles('parad')).toEqual(['SRCH-1']);
    expect(await titles('パレード')).toEqual(['SRCH-1']);
    expect(await titles('透明スタンド')).toEqual(['SRCH-1']);
    expect(await titles('no-such-thing-xyz')).toEqual([]);
  });

  it('hides fan-club goods from guests but lists them to members', async () => {
    const guest = await listProducts(database.db, { includeMemberOnly: false, limit: 200 });
    const member = await listProducts(database.db, { includeMemberOnly: true, limit: 200 });
    expect(guest.some((p) => p.memberOnly)).toBe(false);
    expect(member.some((p) => p.memberOnly)).toBe(true);
  });

  it('filters by category', async () => {
    const discs = await listProducts(database.db, { category: 'bluray', includeMemberOnly: false });
    expect(discs.length).toBeGreaterThan(0);
    expect(discs.every((p) => p.category === 'bluray')).toBe(true);
  });

  it('finds a product by slug and answers null for an unknown one', async () => {
    expect((await findProductBySlug(database.db, 'srch-1'))?.sku).toBe('SRCH-1');
    expect(await findProductBySlug(database.db, 'nope')).toBeNull();
  });
});
