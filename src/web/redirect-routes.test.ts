import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';

// What browsers read as another host once tabs and newlines are dropped, or as a header break.
const hostile = ['/\t/evil.example', '/%09/evil.example', '/\r\nSet-Cookie: a=b', '//evil.example'];

describeEachDatabase('return paths in links and forms', (kind) => {
  const { database, app } = useTestWorld(kind);

  it('never sends the language switch off the site, and answers a header break with a 400', async () => {
    for (const back of hostile) {
      const res = await app.request(`/lang/ja?back=${encodeURIComponent(back)}`, {
        redirect: 'manual',
      });
      expect(res.status).toBeLessThan(500);
      const location = res.headers.get('location');
      if (location !== null) expect(new URL(location, 'http://shop.test').host).toBe('shop.test');
    }
    const crlf = await app.request(`/lang/ja?back=${encodeURIComponent('/\r\nX: 1')}`);
    expect(crlf.status).toBe(400);
    const tab = await app.request(`/lang/ja?back=${encodeURIComponent('/\t/evil.example')}`);
    expect(tab.status).toBe(400);
    const fine = await app.request(`/lang/ja?back=${encodeURIComponent('/guide?q=配送')}`, {
      redirect: 'manual',
    });
    expect(fine.status).toBe(303);
    expect(fine.headers.get('location')).toBe('/guide?q=%E9%85%8D%E9%80%81');
  });

  it('keeps the sign-in page and the signed-in redirect on the site', async () => {
    for (const next of hostile) {
      const page = await app.request(`/account/sign-in?next=${encodeURIComponent(next)}`);
      expect(page.status).toBeLessThan(500);
    }
    const member = await makeMember(database.db, { password: 'a long enough password' });
    for (const next of ['/\t/evil.example', '/\\evil.example', 'https://evil.example']) {
      const browser = formClient(app);
      await browser.get('/account/sign-in');
      const res = await browser.post('/account/sign-in', {
        login: member.memberCode,
        password: 'a long enough password',
        next,
      });
      expect(res.status).toBeLessThan(500);
      if (res.location !== null)
        expect(new URL(res.location, 'http://shop.test').host).toBe('shop.test');
    }
  });
});
