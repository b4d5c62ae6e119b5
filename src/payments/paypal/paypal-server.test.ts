import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PaypalServer, startPaypalServer } from './paypal-server.ts';

let paypal: PaypalServer;
let token: string;

async function api(path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${paypal.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const order = (value: string, currency = 'JPY') => ({
  intent: 'CAPTURE',
  purchase_units: [{ amount: { currency_code: currency, value } }],
  application_context: {
    return_url: 'https://shop.example/r',
    cancel_url: 'https://shop.example/c',
  },
});

beforeAll(async () => {
  paypal = await startPaypalServer();
  const response = await fetch(`${paypal.url}/v1/oauth2/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${paypal.clientId}:${paypal.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.json()) as { access_token: string; token_type: string };
  expect(body.token_type).toBe('Bearer');
  token = body.access_token;
});

afterAll(async () => {
  await paypal.close();
});

describe('local PayPal', () => {
  it('answers a create minimally unless asked for the representation', async () => {
    const minimal = await api('/v2/checkout/orders', { body: order('1200') });
    expect(minimal.status).toBe(201);
    expect(Object.keys(minimal.json).sort()).toEqual(['id', 'links', 'status']);
    expect(minimal.json.status).toBe('CREATED');
    expect(minimal.json.links).toContainEqual(expect.objectContaining({ rel: 'approve' }));

    const full = await api('/v2/checkout/orders', {
      body: order('1200'),
      headers: { Prefer: 'return=representation' },
    });
    expect(full.json).toMatchObject({
      intent: 'CAPTURE',
      purchase_units: [{ amount: { currency_code: 'JPY', value: '1200' } }],
    });
  });

  it('refuses yen with decimals in PayPal’s error shape', async () => {
    const refused = await api('/v2/checkout/orders', { body: order('1200.00') });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      name: 'UNPROCESSABLE_ENTITY',
      message: expect.any(String),
      debug_id: expect.any(String),
      details: [{ issue: 'DECIMALS_NOT_SUPPORTED', description: expect.any(String) }],
      links: [{ rel: 'information_link', method: 'GET' }],
    });
  });

  it('refuses a malformed order with INVALID_REQUEST', async () => {
    const refused = await api('/v2/checkout/orders', { body: { intent: 'CAPTURE' } });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      name: 'INVALID_REQUEST',
      details: [{ issue: 'MISSING_REQUIRED_PARAMETER', field: '/purchase_units' }],
    });
  });

  it('wants a bearer token', async () => {
    const response = await fetch(`${paypal.url}/v2/checkout/orders/X`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ name: 'AUTHENTICATION_FAILURE' });
    const stale = await api('/v2/checkout/orders/X', {
      headers: { Authorization: 'Bearer A21AAold' },
    });
    expect(stale).toMatchObject({ status: 401, json: { error: 'invalid_token' } });
  });
});
