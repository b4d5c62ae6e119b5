import { typedAddress } from '../email-policy/address-input.ts';

/**
 * The one normal form of a typed login (member ID or email), used both to look an account up and
 * to key every per-account limit, so spellings that reach the same account share one counter.
 * NFKC folds full-width letters, digits and `＠` `．` to ASCII; an address's domain goes to
 * lower-case A-labels (which also turns the ideographic dot `。` into `.`); then all is lower-case.
 */
export function loginIdentity(login: string): { column: 'member_code' | 'email'; needle: string } {
  const folded = login.normalize('NFKC').trim();
  const address = folded.includes('@') ? typedAddress.safeParse(folded) : null;
  const needle = (address?.success ? address.data : folded).toLowerCase().slice(0, 254);
  return { column: needle.includes('@') ? 'email' : 'member_code', needle };
}

/** The key of a per-account limit on a typed login or email: `loginIdentity`'s needle. */
export function identityKey(login: string): string {
  return loginIdentity(login).needle;
}
