import { isHostName } from './rules.ts';

/** Domains a typo most likely meant: big webmail and the Japanese mobile and ISP domains. */
export const suggestedDomains = [
  'gmail.com',
  'yahoo.co.jp',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'icloud.com',
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'hotmail.co.jp',
  'yahoo.com',
  'yahoo.ne.jp',
  'ymobile.ne.jp',
  'googlemail.com',
  'live.jp',
  'live.com',
  'qq.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  '163.com',
  'nifty.com',
  'biglobe.ne.jp',
  'ocn.ne.jp',
  'so-net.ne.jp',
  'plala.or.jp',
  'ybb.ne.jp',
  'rakuten.jp',
  'protonmail.com',
] as const;

/** Real domains close to a suggested one; typing them is not a typo. */
const otherKnownDomains = [
  'mail.com',
  'ymail.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'me.com',
  'mac.com',
  'msn.com',
  'aol.com',
  'proton.me',
  '126.com',
  'yeah.net',
  'foxmail.com',
  'sina.com',
  'nate.com',
  'kakao.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'hotmail.co.uk',
  'hotmail.fr',
  'live.co.uk',
  'outlook.fr',
  'y-mobile.ne.jp',
  'dion.ne.jp',
  'disney.ne.jp',
  'mineo.jp',
  'uqmobile.jp',
  'rakumail.jp',
  'auone.jp',
  'au.com.au',
];

const knownDomains = new Set<string>([...suggestedDomains, ...otherKnownDomains]);

/** Endings that are no real top-level domain, and what was almost certainly meant. */
const endingSlips: [RegExp, string][] = [
  [/\.(?:con|cpm|xom|vom|cim|comm|coom|cmo|ocm)$/, '.com'],
  [/\.(?:nte|ner|met)$/, '.net'],
  [/\.(co|ne|or|ac|ad|go|gr|lg|ed)\.(?:jo|jpp|pj|jl)$/, '.$1.jp'],
  [/\.(?:jpp|pj)$/, '.jp'],
];

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** How far a typed domain may be from a suggested one: short names get little slack. */
function slack(target: string): number {
  if (target.length < 7) return 0;
  return target.length < 10 ? 1 : 2;
}

/** Repairs of the ending and of commas typed for dots. */
function repairEnding(domain: string): string {
  let fixed = domain.replace(/,/g, '.').replace(/\.+$/, '');
  for (const [slip, meant] of endingSlips) fixed = fixed.replace(slip, meant);
  return fixed;
}

/** The domain the customer probably meant, or null for a known domain or no close match. */
export function suggestDomain(domain: string): string | null {
  const typed = domain.toLowerCase();
  if (knownDomains.has(typed)) return null;
  const repaired = repairEnding(typed);
  if (knownDomains.has(repaired)) return repaired;
  let best: { domain: string; distance: number } | null = null;
  for (const target of suggestedDomains) {
    const distance = editDistance(repaired, target);
    if (distance > 0 && distance <= slack(target) && (!best || distance < best.distance))
      best = { domain: target, distance };
  }
  if (best) return best.domain;
  return repaired !== typed && isHostName(repaired) ? repaired : null;
}
