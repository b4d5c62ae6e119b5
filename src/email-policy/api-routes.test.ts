import { beforeEach, expect, it } from 'vitest';
import { callApi } from '../api/test-client.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { testClock } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { fakeDns } from './fake-dns.ts';

const CHECK = '/api/store/email-addresses/check';

describeEachDatabase('POST /api/store/email-addresses/check', (kind) => {
  const clock = testClock();
  const dns = fakeDns({
    'example.co.jp': { mx: [{ exchange: 'mx.example.co.jp', priority: 10 }] },
    'gmail.com': { mx: [{ exchange: 'gmail-smtp-in.l.google.com', priority: 5 }] },
    'slow.example': 'timeout',
  });
  const { app } = useTestWorld(kind, { clock, appDeps: { dns } });
  // Every test starts in fresh rate-limit windows.
  beforeEach(() => clock.advance(2 * 3600 * 1000));

  const check = (email: unknown, headers: Record<string, string> = {}) =>
    callApi(app, 'POST', CHECK, { json: { email }, headers });

  it('answers exactly verdict, normalized, problems, suggestion and unverified', async () => {
    const res = await check('  taro+shop.@GMIAL.com ');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      verdict: 'reject',
      normalized: 'taro+shop.@gmial.com',
      problems: [
        {
          code: 'symbol',
          message:
            "Email addresses with symbols other than '.', '-' and '_' before the @ often don't receive our mail. Remove: +",
        },
        {
          code: 'dot_position',
          message: 'The part before the @ cannot start or end with a dot (.). Remove that dot.',
        },
        {
          code: 'domain_not_found',
          message:
            'The domain "gmial.com" does not receive email. Check the part after the @ for typos.',
        },
      ],
      suggestion: 'taro+shop.@gmail.com',
      unverified: false,
    });
  });

  it('accepts a plain address, keeping the case of the local part', async () => {
    const res = await check('Taro.Yamada@Example.CO.JP');
    expect(res.body).toEqual({
      verdict: 'ok',
      normalized: 'Taro.Yamada@example.co.jp',
      problems: [],
      suggestion: null,
      unverified: false,
    });
  });

  it('accepts an address whose DNS does not answer in time, flagged unverified', async () => {
    const res = await check('taro@slow.example');
    expect(res.body).toMatchObject({ verdict: 'ok', problems: [], unverified: true });
  });

  it('answers in Japanese for Accept-Language: ja', async () => {
    const res = await check('taro+shop@gmail.com', { 'accept-language': 'ja,en;q=0.5' });
    expect(res.body.problems).toEqual([
      {
        code: 'symbol',
        message:
          '@ より前に「.」「-」「_」以外の記号を含むメールアドレスには、当店のメールが届かないことがよくあります。削除してください：+',
      },
    ]);
  });

  it('answers a syntax problem, even a NUL inside the address, as a verdict', async () => {
    const res = await check('taro\u0000@gmail.com');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verdict: 'reject', problems: [{ code: 'syntax' }] });
  });

  it.each([
    ['no body', { raw: '' }, 'body'],
    ['broken JSON', { raw: '{"email": ' }, 'body'],
    ['a form body', { raw: 'email=a%40b.jp', headers: { 'content-type': 'text/plain' } }, 'body'],
    ['no email', { json: {} }, 'email'],
    ['a number for email', { json: { email: 42 } }, 'email'],
    ['a list as body', { json: ['taro@gmail.com'] }, '_'],
    ['null as body', { json: null }, '_'],
    ['an email of 1001 characters', { json: { email: `${'a'.repeat(991)}@gmail.com` } }, 'email'],
  ] as const)(
    'refuses %s with 400 invalid_request and field messages',
    async (_, request, field) => {
      const res = await callApi(app, 'POST', CHECK, request);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(res.body.error).toEqual({
        code: 'invalid_request',
        message: expect.any(String),
        fields: { [field]: expect.any(String) },
      });
    },
  );

  it('limits checks per client address with 429 and Retry-After', async () => {
    for (let i = 0; i < 30; i++) expect((await check('taro@gmail.com')).status).toBe(200);
    const limited = await check('taro@gmail.com');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    clock.advance(61_000);
    expect((await check('taro@gmail.com')).status).toBe(200);
  });

  it('is in the OpenAPI document with its request, answer and error shapes', async () => {
    const doc = (await callApi(app, 'GET', '/api/openapi.json')).body;
    const op = doc.paths[CHECK].post;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '429']);
    expect(op.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/EmailAddressCheckRequest',
    );
    const result = doc.components.schemas.EmailAddressCheck;
    expect(Object.keys(result.properties)).toEqual([
      'verdict',
      'normalized',
      'problems',
      'suggestion',
      'unverified',
    ]);
    expect(result.properties.problems.items.properties.code.enum).toContain('domain_not_found');
  });

  it('serves the live-check script from the shop, and every storefront page loads it', async () => {
    const script = await app.request('/static/email-check.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const source = await script.text();
    expect(source).toContain(CHECK);
    expect(source).toContain('ではありませんか');
    const page = await app.request('/account/register');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/static/email-check.js" defer=""></script>');
  });
});
