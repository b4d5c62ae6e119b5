import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

describe('parseEnv', () => {
  it('gives working embedded defaults with no settings at all', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./var');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.RUN_WORKER).toBe(true);
  });

  it('names every wrong variable in its message', () => {
    expect(() => parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrowError(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });

  it('reads booleans written the usual ways', () => {
    expect(parseEnv({ RUN_WORKER: 'false' }).RUN_WORKER).toBe(false);
    expect(parseEnv({ RUN_WORKER: '0' }).RUN_WORKER).toBe(false);
    expect(() => parseEnv({ RUN_WORKER: 'maybe' })).toThrowError(/RUN_WORKER/);
  });
});
