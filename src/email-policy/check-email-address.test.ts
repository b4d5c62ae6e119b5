import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { translator } from '../web/i18n.ts';
import { checkEmailAddress, type EmailPolicyDeps } from './check-email-address.ts';
import { policyEmail } from './email-field.ts';
import { fakeDns } from './fake-dns.ts';
import { fieldMessage, problemList } from './messages.ts';
import { checkRules, type PolicyCode } from './rules.ts';

const mailDomains = {
  'example.com': { mx: [{ exchange: 'mx.example.com', priority: 10 }] },
  'example.co.jp': { mx: [{ exchange: 'mx.example.co.jp', priority: 10 }] },
  'xn--wgv71a119e.jp': { mx: [{ exchange: 'mx.xn--wgv71a119e.jp', priority: 10 }] },
  'xn--bcher-kva.de': { a: ['192.0.2.7'] },
  'gmail.com': { mx: [{ exchange: 'gmail-smtp-in.l.google.com', priority: 5 }] },
} as const;

function policy(rules = '', zones: Parameters<typeof fakeDns>[0] = mailDomains): EmailPolicyDeps {
  return { env: parseEnv({ EMAIL_POLICY_RULES: rules }), dns: fakeDns(zones) };
}

const codes = async (address: string, deps = policy()) =>
  (await checkEmailAddress(address, deps)).problems.map((p) => p.code);

const local = (n: number) => 'a'.repeat(n);

describe('the email address rules', () => {
  const table: [string, string, PolicyCode[]][] = [
    ['a plain address', 'taro.yamada@example.com', []],
    ['digits, hyphen and underscore', 'taro_2-x@example.co.jp', []],
    ['capital letters', 'Taro.Yamada@Example.CO.JP', []],
    ['no @', 'taro.example.com', ['syntax']],
    ['two @', 'taro@yamada@example.com', ['syntax']],
    ['a full-width ＠ only', 'taro＠example.com', ['syntax']],
    ['an empty local part', '@example.com', ['syntax']],
    ['an empty domain', 'taro@', ['syntax']],
    ['nothing at all', '   ', ['syntax']],
    ['a space inside', 'taro yamada@example.com', ['syntax']],
    ['a full-width space inside', 'taro\u3000yamada@example.com', ['syntax']],
    ['a tab inside', 'taro\tyamada@example.com', ['syntax']],
    ['a control character', 'taro\u0007@example.com', ['syntax']],
    ['a NUL character', 'taro\u0000@example.com', ['syntax']],
    ['a quoted string', '"taro yamada"@example.com', ['syntax']],
    ['a quoted string without spaces', '"taro"@example.com', ['syntax']],
    ['a comment', 'taro(shop)@example.com', ['syntax']],
    ['a comment in the domain', 'taro@(mail)example.com', ['syntax']],
    ['a domain literal', 'taro@[192.0.2.1]', ['syntax']],
    ['an IPv6 domain literal', 'taro@[IPv6:2001:db8::1]', ['syntax']],
    ['a backslash', 'taro\\yamada@example.com', ['syntax']],
    ['a leading dot', '.taro@example.com', ['dot_position']],
    ['a dot right before @', 'taro.@example.com', ['dot_position']],
    ['a dot at both ends', '.taro.@example.com', ['dot_position']],
    ['only a dot', '.@example.com', ['dot_position']],
    ['two dots in a row', 'taro..yamada@example.com', ['consecutive_dots']],
    ['three dots in a row', 'taro...yamada@example.com', ['consecutive_dots']],
    ['dots at the start, doubled', '..taro@example.com', ['dot_position', 'consecutive_dots']],
    ['a non-ASCII local part', 'たろう@example.com', ['symbol']],
    ['an accented letter', 'josé@example.com', ['symbol']],
    ['64 characters in all', `${local(52)}@example.com`, []],
    ['65 characters in all', `${local(53)}@example.com`, ['too_long']],
    [
      'a symbol, a bad dot and too long',
      `+${local(52)}.@example.com`,
      ['symbol', 'dot_position', 'too_long'],
    ],
    ['a one-label domain', 'taro@localhost', ['domain_syntax']],
    ['an IPv4 address as domain', 'taro@192.0.2.1', ['domain_syntax']],
    ['a numeric top-level label', 'taro@example.123', ['domain_syntax']],
    ['a one-letter top-level label', 'taro@example.c', ['domain_syntax']],
    ['a label starting with a hyphen', 'taro@-example.com', ['domain_syntax']],
    ['a label ending with a hyphen', 'taro@example-.com', ['domain_syntax']],
    ['an empty label', 'taro@example..com', ['domain_syntax']],
    ['a leading dot in the domain', 'taro@.example.com', ['domain_syntax']],
    ['a trailing dot in the domain', 'taro@example.com.', ['domain_syntax']],
    ['an underscore in the domain', 'taro@ex_ample.com', ['domain_syntax']],
    ['a percent-encoded domain', 'taro@ex%41mple.com', ['domain_syntax']],
    ['a comma for a dot', 'taro@example,com', ['domain_syntax']],
    ['a 64-character label', `t@${local(64)}.jp`, ['too_long', 'domain_syntax']],
  ];
  it.each(table)('%s: %s → %j', async (_, address, expected) => {
    expect(await codes(address)).toEqual(expected);
  });

  it.each([..."+!#$%&'*/=?^`{|}~"])(
    'rejects %s in the local part and names it in the message',
    async (symbol) => {
      const check = await checkEmailAddress(`taro${symbol}shop@example.com`, policy());
      expect(check.verdict).toBe('reject');
      expect(check.problems).toEqual([{ code: 'symbol', characters: [symbol], level: 'reject' }]);
      const [problem] = problemList(translator('en'), check);
      expect(problem!.message).toBe(
        `Email addresses with symbols other than '.', '-' and '_' before the @ often don't receive our mail. Remove: ${symbol}`,
      );
    },
  );

  it('names each offending character once, in the order typed', async () => {
    const check = await checkEmailAddress('a+b+c!d[e]@example.com', policy());
    expect(problemList(translator('en'), check)[0]!.message).toMatch(/Remove: \+ ! \[ \]$/);
    expect(problemList(translator('ja'), check)[0]!.message).toMatch(
      /削除してください：\+ ! \[ \]$/,
    );
  });

  it('counts the 64 characters on the stored address, A-labels included', () => {
    const fits = checkRules(`${local(46)}@日本語.jp`);
    expect(fits.normalized).toBe(`${local(46)}@xn--wgv71a119e.jp`);
    expect(fits.normalized).toHaveLength(64);
    expect(fits.findings).toEqual([]);
    expect(checkRules(`${local(47)}@日本語.jp`).findings).toEqual([
      { code: 'too_long', length: 65 },
    ]);
  });
});

describe('normalising', () => {
  it.each([
    ['  Taro.Yamada@Example.CO.JP \n', 'Taro.Yamada@example.co.jp'],
    ['taro@日本語.jp', 'taro@xn--wgv71a119e.jp'],
    ['taro@日本語。jp', 'taro@xn--wgv71a119e.jp'],
    ['Taro@BÜCHER.de', 'Taro@xn--bcher-kva.de'],
    ['taro@ｅｘａｍｐｌｅ.com', 'taro@example.com'],
    ['\u3000taro@example.com\u3000', 'taro@example.com'],
  ])('%j → %s', async (typed, normalized) => {
    const check = await checkEmailAddress(typed, policy());
    expect(check).toMatchObject({ verdict: 'ok', normalized, problems: [] });
  });

  it('judges an IDN domain on its A-labels and looks those up', async () => {
    const deps = policy();
    const check = await checkEmailAddress('taro@日本語.jp', deps);
    expect(check.verdict).toBe('ok');
    expect((deps.dns as ReturnType<typeof fakeDns>).calls).toEqual(['mx xn--wgv71a119e.jp']);
  });

  it('accepts an IDN top-level label in A-labels', async () => {
    const check = await checkEmailAddress(
      'taro@例え.テスト',
      policy('', { 'xn--r8jz45g.xn--zckzah': { a: ['192.0.2.1'] } }),
    );
    expect(check).toMatchObject({ verdict: 'ok', normalized: 'taro@xn--r8jz45g.xn--zckzah' });
  });

  it('keeps what was typed when it is not one address', async () => {
    const check = await checkEmailAddress(' "taro yamada"@example.com ', policy());
    expect(check.normalized).toBe('"taro yamada"@example.com');
    expect(check.problems).toEqual([{ code: 'syntax', reason: 'quoted', level: 'reject' }]);
  });
});

describe('the DNS check', () => {
  const zones = {
    'mx.test': { mx: [{ exchange: 'mail.mx.test', priority: 10 }] },
    'a-only.test': { a: ['192.0.2.10'] },
    'aaaa-only.test': { aaaa: ['2001:db8::10'] },
    'null-mx.test': { mx: [{ exchange: '', priority: 0 }], a: ['192.0.2.11'] },
    'no-records.test': {},
    'slow.test': 'timeout',
    'broken.test': 'servfail',
  } as const;
  const outcomes: [string, { verdict: string; unverified: boolean; codes: PolicyCode[] }][] = [
    ['mx.test', { verdict: 'ok', unverified: false, codes: [] }],
    ['a-only.test', { verdict: 'ok', unverified: false, codes: [] }],
    ['aaaa-only.test', { verdict: 'ok', unverified: false, codes: [] }],
    ['missing.test', { verdict: 'reject', unverified: false, codes: ['domain_not_found'] }],
    ['null-mx.test', { verdict: 'reject', unverified: false, codes: ['domain_not_found'] }],
    ['no-records.test', { verdict: 'reject', unverified: false, codes: ['domain_not_found'] }],
    ['slow.test', { verdict: 'ok', unverified: true, codes: [] }],
    ['broken.test', { verdict: 'ok', unverified: true, codes: [] }],
  ];
  it.each(outcomes)('taro@%s → %j', async (domain, expected) => {
    const check = await checkEmailAddress(`taro@${domain}`, policy('', zones));
    expect({
      verdict: check.verdict,
      unverified: check.unverified,
      codes: check.problems.map((p) => p.code),
    }).toEqual(expected);
  });

  it('never asks DNS about a domain that is not a host name', async () => {
    const deps = policy();
    await checkEmailAddress('taro@example..com', deps);
    await checkEmailAddress('"x"@example.com', deps);
    expect((deps.dns as ReturnType<typeof fakeDns>).calls).toEqual([]);
  });

  it('reports the DNS problem together with the other rules', async () => {
    expect(await codes('taro+shop.@nowhere.test')).toEqual([
      'symbol',
      'dot_position',
      'domain_not_found',
    ]);
  });

  it('remembers an answer, so typing does not repeat the lookup', async () => {
    const deps = policy();
    await checkEmailAddress('taro@example.com', deps);
    await checkEmailAddress('hanako@Example.com', deps);
    expect((deps.dns as ReturnType<typeof fakeDns>).calls).toEqual(['mx example.com']);
  });

  it('marks every address unverified, and accepts it, when DNS is off', async () => {
    const check = await checkEmailAddress('taro@nowhere.test', {
      env: parseEnv({ DNS_SERVERS: 'off' }),
    });
    expect(check).toMatchObject({ verdict: 'ok', unverified: true, problems: [] });
  });

  it('names the domain in the message', async () => {
    const check = await checkEmailAddress('taro@nowhere.test', policy());
    expect(problemList(translator('en'), check)).toEqual([
      {
        code: 'domain_not_found',
        message:
          'The domain "nowhere.test" does not receive email. Check the part after the @ for typos.',
      },
    ]);
  });
});

describe('operator levels', () => {
  it('rejects by default and warns or allows as configured', async () => {
    const address = 'taro+shop@nowhere.test';
    expect((await checkEmailAddress(address, policy())).verdict).toBe('reject');
    const warned = await checkEmailAddress(address, policy('symbol=warn'));
    expect(warned.verdict).toBe('reject');
    expect(warned.problems.map((p) => [p.code, p.level])).toEqual([
      ['symbol', 'warn'],
      ['domain_not_found', 'reject'],
    ]);
    const both = await checkEmailAddress(address, policy('symbol=warn,domain_not_found=warn'));
    expect(both.verdict).toBe('warn');
    const allowed = await checkEmailAddress(address, policy('symbol=allow,domain_not_found=warn'));
    expect(allowed.verdict).toBe('warn');
    expect(allowed.problems.map((p) => p.code)).toEqual(['domain_not_found']);
    expect(allowed.allowed).toEqual(['symbol']);
  });

  it('skips the lookup when domain_not_found is allowed', async () => {
    const deps = policy('domain_not_found=allow');
    const check = await checkEmailAddress('taro@nowhere.test', deps);
    expect(check).toMatchObject({ verdict: 'ok', unverified: false });
    expect((deps.dns as ReturnType<typeof fakeDns>).calls).toEqual([]);
  });

  it('tells the customer they may go on when only warnings apply', async () => {
    const check = await checkEmailAddress(
      'taro..yamada@example.com',
      policy('consecutive_dots=warn'),
    );
    expect(check.verdict).toBe('warn');
    expect(fieldMessage(translator('en'), check)).toBe(
      'The part before the @ cannot have two dots in a row (..). Remove one of them. If this address is right, send the form again to use it anyway.',
    );
  });

  it.each([
    ['symbol=warn,too_long=allow', { symbol: 'warn', too_long: 'allow' }],
    [' symbol = allow , ', { symbol: 'allow' }],
    ['', {}],
  ])('reads EMAIL_POLICY_RULES=%j', (value, levels) => {
    expect(parseEnv({ EMAIL_POLICY_RULES: value }).EMAIL_POLICY_RULES).toEqual(levels);
  });

  it.each(['symbol=maybe', 'plus=warn', 'syntax=allow', 'symbol'])(
    'refuses EMAIL_POLICY_RULES=%j at boot',
    (value) => {
      expect(() => parseEnv({ EMAIL_POLICY_RULES: value })).toThrowError(/EMAIL_POLICY_RULES/);
    },
  );

  it.each([
    ['127.0.0.1:5353', ['127.0.0.1:5353']],
    ['192.0.2.53, [::1]:5353,2001:db8::53', ['192.0.2.53', '[::1]:5353', '2001:db8::53']],
    ['off', 'off'],
    ['', undefined],
  ])('reads DNS_SERVERS=%j', (value, servers) => {
    expect(parseEnv({ DNS_SERVERS: value }).DNS_SERVERS).toEqual(servers);
  });

  it.each(['dns.example:53', '127.0.0.1:99999', '127.0.0.1:', 'localhost'])(
    'refuses DNS_SERVERS=%j at boot',
    (value) => {
      expect(() => parseEnv({ DNS_SERVERS: value })).toThrowError(/DNS_SERVERS/);
    },
  );
});

describe('messages', () => {
  it('has an English and a Japanese message for every problem', async () => {
    const samples = [
      'taro',
      '',
      'taro yamada@example.com',
      'taro\u0001@example.com',
      'taro\\x@example.com',
      '"t"@example.com',
      't(x)@example.com',
      'taro@[192.0.2.1]',
      '+.a..b.@example',
      `${local(60)}@nowhere.test`,
    ];
    for (const locale of ['en', 'ja'] as const) {
      const t = translator(locale);
      for (const address of samples) {
        const check = await checkEmailAddress(address, policy());
        expect(check.problems.length, address).toBeGreaterThan(0);
        for (const { message } of problemList(t, check)) {
          expect(message).not.toMatch(/policy\.|\{\w+\}|undefined/);
          if (locale === 'ja') expect(message).toMatch(/[ぁ-んァ-ン一-龯]/);
        }
      }
    }
  });
});

describe('the zod field for API bodies and jobs', () => {
  it('outputs the normalised address, refuses rejects with the message, lets warnings through', async () => {
    const t = translator('en');
    const strict = policyEmail(policy(), t);
    expect(await strict.parseAsync(' Taro@Example.COM ')).toBe('Taro@example.com');
    const refused = await strict.safeParseAsync('taro+shop@example.com');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/Remove: \+$/);
    const relaxed = policyEmail(policy('symbol=warn'), t);
    expect(await relaxed.parseAsync('taro+shop@example.com')).toBe('taro+shop@example.com');
    expect((await strict.safeParseAsync('')).error?.issues[0]?.message).toBe('v.required');
  });
});
