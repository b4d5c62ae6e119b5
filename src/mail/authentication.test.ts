import { createPublicKey } from 'node:crypto';
import { authenticate } from 'mailauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { testClock, testDeps } from '../testing/factories.ts';
import { fakeDns, txtStrings } from '../testing/fake-dns.ts';
import { caughtMailOf, queueSampleMails, type SampleMail } from '../testing/sample-mails.ts';
import { useTestWorld } from '../testing/world.ts';
import { deliverDueMail } from './deliver-mail.ts';

/** The address our outgoing relay sends from, as published in SPF (TEST-NET-1). */
const SHOP_IP = '192.0.2.10';
const FORGER_IP = '203.0.113.66';

describeEachDatabase('sender authentication (DKIM, SPF, DMARC)', (kind) => {
  const clock = testClock();
  const { database, mailer } = useTestWorld(kind, { clock, mailer: true });
  let samples: SampleMail[];
  const raws = new Map<string, { raw: string; envelopeFrom: string }>();
  let dns: ReturnType<typeof fakeDns>;

  beforeAll(async () => {
    samples = await queueSampleMails(testDeps(database.db, clock), 'auth');
    await deliverDueMail(mailer.deps);
    for (const sample of samples) {
      const caught = await caughtMailOf(database.db, sample.id);
      raws.set(sample.id, { raw: caught.raw, envelopeFrom: caught.envelopeFrom });
    }
    const { identity } = mailer.deps;
    // The zone the shop's README tells operators to publish, plus another domain's strict policy.
    dns = fakeDns({
      [`${identity.dkim.keySelector}._domainkey.${identity.domain}`]: [identity.dkimDnsRecord],
      [identity.bounceDomain]: [`v=spf1 ip4:${SHOP_IP} -all`],
      [identity.domain]: [`v=spf1 ip4:${SHOP_IP} -all`],
      [`_dmarc.${identity.domain}`]: ['v=DMARC1; p=reject; adkim=r; aspf=r'],
      'tenpo-support.example': ['v=spf1 -all'],
      '_dmarc.tenpo-support.example': ['v=DMARC1; p=reject; adkim=r; aspf=r'],
      'evil.example': ['v=spf1 ip4:203.0.113.0/24 -all'],
    });
  });

  /** What a receiving MX at mx.example.net concludes about a message. */
  const verify = async (raw: string, opts: { sender: string; ip?: string; helo?: string }) => {
    const result = await authenticate(raw, {
      ip: opts.ip ?? SHOP_IP,
      helo: opts.helo ?? 'mail.tenpo.example',
      mta: 'mx.example.net',
      sender: opts.sender,
      resolver: dns.resolver,
      disableArc: true,
      disableBimi: true,
    });
    const { spf, dmarc } = result;
    if (!spf || !dmarc) throw new Error('mailauth did not evaluate SPF and DMARC');
    return { dkim: result.dkim, spf, dmarc, headers: result.headers };
  };

  const first = (topic: string, locale = 'en') =>
    samples.find((s) => s.topic === topic && s.locale === locale)!;

  it('publishes a 2048-bit DKIM key that needs more than one TXT string', () => {
    const record = mailer.deps.identity.dkimDnsRecord;
    expect(record).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*$/);
    expect(txtStrings(record).length).toBeGreaterThan(1);
    expect(txtStrings(record).every((s) => s.length <= 255)).toBe(true);
    const key = createPublicKey({
      key: Buffer.from(record.split('p=')[1]!, 'base64'),
      format: 'der',
      type: 'spki',
    });
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  describe.each(
    (
      [
        'order_placed',
        'order_cancelled',
        'order_shipped',
        'important_notice',
        'verification_code',
        'inquiry_receipt',
      ] as const
    ).flatMap((topic) => [[topic, 'en'] as const, [topic, 'ja'] as const]),
  )('%s (%s)', (topic, locale) => {
    it('passes DKIM (aligned with From), SPF for the VERP sender, and DMARC', async () => {
      const sample = first(topic, locale);
      const { raw, envelopeFrom } = raws.get(sample.id)!;
      expect(envelopeFrom).toBe(`bounces+${sample.id}@bounces.tenpo.example`);
      const result = await verify(raw, { sender: envelopeFrom });
      expect(result.dkim.results).toHaveLength(1);
      const [dkim] = result.dkim.results;
      expect(dkim!.status.result, dkim!.status.comment).toBe('pass');
      expect(dkim!.signingDomain).toBe('tenpo.example');
      expect(dkim!.status.aligned).toBe('tenpo.example');
      expect(result.spf.status.result).toBe('pass');
      expect(result.spf.domain).toBe('bounces.tenpo.example');
      expect(result.dmarc.status.result).toBe('pass');
      expect(result.dmarc.alignment.dkim.result).toBe('tenpo.example');
      expect(result.dmarc.alignment.spf.result).toBe('bounces.tenpo.example');
      expect(result.dmarc.policy).toBe('reject');
      expect(result.headers).toMatch(/dkim=pass[\s\S]*spf=pass[\s\S]*dmarc=pass/);
    });
  });

  it('looked the key up at the selector and the policy at _dmarc', () => {
    expect(dns.questions).toContain('tenpo._domainkey.tenpo.example TXT');
    expect(dns.questions).toContain('bounces.tenpo.example TXT');
    expect(dns.questions).toContain('_dmarc.tenpo.example TXT');
  });

  it('still passes DMARC on DKIM alone when a forwarder breaks SPF', async () => {
    const sample = first('order_placed', 'ja');
    const { raw, envelopeFrom } = raws.get(sample.id)!;
    const result = await verify(raw, {
      sender: envelopeFrom,
      ip: '198.51.100.7',
      helo: 'forwarder.example.org',
    });
    expect(result.spf.status.result).toBe('fail');
    expect(result.dkim.results[0]!.status.result).toBe('pass');
    expect(result.dmarc.status.result).toBe('pass');
  });

  it('fails DMARC when our message is relabelled with another From domain', async () => {
    const sample = first('order_placed');
    const { raw, envelopeFrom } = raws.get(sample.id)!;
    const forged = raw.replace(
      /^From: Tenpo <shop@tenpo\.example>\r\n/m,
      'From: Tenpo <shop@tenpo-support.example>\r\n',
    );
    expect(forged).not.toBe(raw);
    const result = await verify(forged, { sender: envelopeFrom });
    // Our signature covers From, so it no longer verifies, and SPF is for another domain.
    expect(result.dkim.results[0]!.status.result).toBe('fail');
    expect(result.spf.status.result).toBe('pass');
    expect(result.dmarc.domain).toBe('tenpo-support.example');
    expect(result.dmarc.status.result).toBe('fail');
    expect(result.dmarc.alignment.spf.result).toBeFalsy();
    expect(result.dmarc.alignment.dkim.result).toBeFalsy();
    expect(result.dmarc.policy).toBe('reject');
  });

  it('fails DMARC when someone else sends as shop@tenpo.example', async () => {
    const sample = first('order_shipped');
    const { raw } = raws.get(sample.id)!;
    const unsigned = raw.replace(/^DKIM-Signature:.*\r\n(?:[ \t].*\r\n)*/im, '');
    expect(unsigned).not.toMatch(/^DKIM-Signature:/im);
    const result = await verify(unsigned, {
      sender: 'bounce@evil.example',
      ip: FORGER_IP,
      helo: 'mail.evil.example',
    });
    expect(result.spf.status.result).toBe('pass');
    expect(result.dmarc.domain).toBe('tenpo.example');
    expect(result.dmarc.status.result).toBe('fail');
    expect(result.dmarc.policy).toBe('reject');
  });

  it('fails DKIM when the body is changed after signing', async () => {
    const sample = first('order_placed');
    const { raw, envelopeFrom } = raws.get(sample.id)!;
    const split = raw.indexOf('\r\n\r\n');
    const body = raw.slice(split);
    const tampered = raw.slice(0, split) + body.replace('Taro Yamada', 'Jiro Yamada');
    expect(tampered).not.toBe(raw);
    const result = await verify(tampered, { sender: envelopeFrom });
    // mailauth reports a body hash mismatch as "neutral" (RFC 6376 §6.1.3): anything but pass.
    expect(['fail', 'neutral']).toContain(result.dkim.results[0]!.status.result);
    expect(result.dkim.results[0]!.status.comment).toMatch(/body hash/i);
    expect(result.dmarc.alignment.dkim.result).toBeFalsy();
    // Without the signature only SPF carries DMARC, so once forwarded the change is caught.
    const forwarded = await verify(tampered, {
      sender: envelopeFrom,
      ip: '198.51.100.7',
      helo: 'forwarder.example.org',
    });
    expect(forwarded.dmarc.status.result).toBe('fail');
  });

  it('fails DKIM when a signed header is changed after signing', async () => {
    const sample = first('verification_code');
    const { raw, envelopeFrom } = raws.get(sample.id)!;
    const tampered = raw.replace(/^Reply-To: support@tenpo\.example/m, 'Reply-To: evil@x.example');
    expect(tampered).not.toBe(raw);
    const result = await verify(tampered, { sender: envelopeFrom });
    expect(result.dkim.results[0]!.status.result).toBe('fail');
    expect(result.dmarc.alignment.dkim.result).toBeFalsy();
  });
});
