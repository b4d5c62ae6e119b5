import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Db } from '../db/client.ts';
import { loadSecret } from '../db/secrets.ts';
import type { Env } from '../env.ts';

/** Who our mail says it is from, where bounces go, and how it is signed. */
export interface MailIdentity {
  domain: string;
  fromAddress: string;
  fromName: string;
  replyTo: string;
  bounceDomain: string;
  dkim: { domainName: string; keySelector: string; privateKey: string };
  /** The TXT record to publish at `<selector>._domainkey.<domain>`. */
  dkimDnsRecord: string;
}

/** The From address of every mail the shop sends. */
export function senderAddress(env: Pick<Env, 'MAIL_DOMAIN'>): string {
  return `shop@${env.MAIL_DOMAIN}`;
}

/**
 * Builds the sender identity from settings. Without DKIM_PRIVATE_KEY_FILE a key is generated once
 * and kept in the database, so every process signs with the same key.
 */
export async function loadMailIdentity(db: Db, env: Env): Promise<MailIdentity> {
  const privateKey = env.DKIM_PRIVATE_KEY_FILE
    ? readFileSync(env.DKIM_PRIVATE_KEY_FILE, 'utf8')
    : await loadSecret(db, 'dkim-private-key', () =>
        generateKeyPairSync('rsa', { modulusLength: 2048 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      );
  return {
    domain: env.MAIL_DOMAIN,
    fromAddress: senderAddress(env),
    fromName: env.MAIL_FROM_NAME ?? env.SHOP_NAME,
    replyTo: env.MAIL_REPLY_TO ?? `support@${env.MAIL_DOMAIN}`,
    bounceDomain: env.BOUNCE_DOMAIN ?? `bounces.${env.MAIL_DOMAIN}`,
    dkim: { domainName: env.MAIL_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey },
    dkimDnsRecord: dkimDnsRecord(privateKey),
  };
}

export function dkimDnsRecord(privateKey: string): string {
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return `v=DKIM1; k=rsa; p=${der.toString('base64')}`;
}

/** The VERP envelope sender that maps a bounce back to its message. */
export function verpAddress(identity: MailIdentity, messageId: string): string {
  return `bounces+${messageId}@${identity.bounceDomain}`;
}

export function messageIdHeader(identity: MailIdentity, messageId: string): string {
  return `<${messageId}@${identity.domain}>`;
}
