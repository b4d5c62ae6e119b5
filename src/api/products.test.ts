import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { callApi } from './test-client.ts';

describeEachDatabase('store API products', (kind) => {
  const { database, app } = useTestWorld(kind);

  const get = (path: string, headers?: Record<string, string>) =>
    callApi(app, 'GET', path, headers ? { headers } : {});

  async function memberToken() {
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const res = await callApi(app, 'POST', '/api/store/sessions', {
      json: { login: member.memberCode, password: 'correct horse battery' },
    });
    expect(res.status).toBe(201);
    return res.body.token as string;
  }

  it('lists products with availability and a stock level but never the exact stock', async () => {
    const product = await makeProduct(database.db, { stock: 3, priceJpy: 4400, category: 'cd' });
    const res = await get('/api/store/products?category=cd');
    expect(res.status).toBe(200);
    const found = res.body.products.find((p: { sku: string }) => p.sku === product.sku);
    expect(found).toMatchObject({
      id: product.id,
      slug: product.slug,
      category: 'cd',
      kind: 'physical',
      title: { en: product.titleEn, ja: product.titleJa },
      priceJpy: 4400,
      availability: 'low_stock',
      stockState: 'low_stock',
      domesticOnly: false,
      memberOnly: false,
      imageUrl: `/images/products/${product.sku}.svg`,
    });
    expect(found).not.toHaveProperty('stock');
    expect(res.body.products.every((p: { category: string }) => p.category === 'cd')).toBe(true);
  });

  it('searches in English and Japanese, and pages with limit and offset', async () => {
    const a = await makeProduct(database.db, {
      titleEn: 'Quokkaville mug',
      titleJa: 'クオッカ村マグカップ',
    });
    const b = await makeProduct(database.db, {
      titleEn: 'Quokkaville towel',
      titleJa: 'クオッカ村タオル',
    });
    const en = await get('/api/store/products?q=quokkaville');
    expect(en.body.products.map((p: { sku: string }) => p.sku).sort()).toEqual(
      [a.sku, b.sku].sort(),
    );
    const ja = await get(`/api/store/products?q=${encodeURIComponent('マグカップ')}`);
    expect(ja.body.products.map((p: { sku: string }) => p.sku)).toEqual([a.sku]);
    const page = await get('/api/store/products?q=quokkaville&limit=1&offset=1');
    expect(page.body).toMatchObject({ limit: 1, offset: 1 });
    expect(page.body.products).toHaveLength(1);
  });

  it('shows one product by slug and answers 404 with the error shape for an unknown one', async () => {
    const product = await makeProduct(database.db, { regionCode: 'A', releaseMonth: '2027-03' });
    const res = await get(`/api/store/products/${product.slug}`);
    expect(res.status).toBe(200);
    expect(res.body.product).toMatchObject({
      sku: product.sku,
      regionCode: 'A',
      releaseMonth: '2027-03',
    });
    const missing = await get('/api/store/products/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('hides fan-club goods from guests and shows them to signed-in members', async () => {
    const fanclub = await makeProduct(database.db, { memberOnly: true, category: 'fanclub' });
    const guestList = await get('/api/store/products?category=fanclub');
    expect(guestList.body.products.map((p: { sku: string }) => p.sku)).not.toContain(fanclub.sku);
    expect((await get(`/api/store/products/${fanclub.slug}`)).status).toBe(404);

    const auth = { authorization: `Bearer ${await memberToken()}` };
    const memberList = await get('/api/store/products?category=fanclub', auth);
    expect(memberList.body.products.map((p: { sku: string }) => p.sku)).toContain(fanclub.sku);
    const detail = await get(`/api/store/products/${fanclub.slug}`, auth);
    expect(detail.status).toBe(200);
    expect(detail.body.product.memberOnly).toBe(true);
  });

  it('refuses bad query parameters with field messages', async () => {
    for (const query of ['limit=0', 'limit=abc', 'offset=-1', 'category=spaceships']) {
      const res = await get(`/api/store/products?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(Object.keys(res.body.error.fields)).toHaveLength(1);
    }
  });

  it('refuses a bearer token that is not valid instead of treating the caller as a guest', async () => {
    const res = await get('/api/store/products', {
      authorization: 'Bearer not-a-real-session-token',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
  });
});
