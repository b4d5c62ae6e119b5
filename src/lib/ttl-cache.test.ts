import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.ts';

describe('TtlCache', () => {
  it('serves a loaded value until it expires, then loads again', async () => {
    const cache = new TtlCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load, 0)).toBe(1);
    expect(await cache.get('a', load, 999)).toBe(1);
    expect(await cache.get('a', load, 1000)).toBe(2);
    expect(await cache.get('b', load, 1000)).toBe(3);
  });

  it('never grows past its size limit', async () => {
    const cache = new TtlCache<string>(1000, 2);
    await cache.get('a', async () => 'a', 0);
    await cache.get('b', async () => 'b', 0);
    await cache.get('c', async () => 'c', 0);
    let reloaded = false;
    await cache.get(
      'a',
      async () => {
        reloaded = true;
        return 'a';
      },
      0,
    );
    expect(reloaded).toBe(true);
  });
});
