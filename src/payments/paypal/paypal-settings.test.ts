import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../env.ts';

describe('PayPal settings', () => {
  it('are off by default, on sandbox', () => {
    const env = parseEnv({});
    expect(env.PAYPAL_CLIENT_ID).toBeUndefined();
    expect(env.PAYPAL_ENV).toBe('sandbox');
  });

  it('take an id and secret together, and live or sandbox only', () => {
    const env = parseEnv({ PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 's', PAYPAL_ENV: 'live' });
    expect(env.PAYPAL_ENV).toBe('live');
    expect(() => parseEnv({ PAYPAL_CLIENT_ID: 'id' })).toThrowError(/PAYPAL_CLIENT_SECRET/);
    expect(() => parseEnv({ PAYPAL_CLIENT_SECRET: 's' })).toThrowError(/set both or neither/);
    expect(() => parseEnv({ PAYPAL_ENV: 'production' })).toThrowError(/PAYPAL_ENV/);
    expect(() => parseEnv({ PAYPAL_WEBHOOK_ID: 'WH-1 2' })).toThrowError(/PAYPAL_WEBHOOK_ID/);
  });
});
