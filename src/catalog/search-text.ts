// PostgreSQL's 'simple' parser cannot split Japanese into words, so runs of CJK characters are
// indexed as overlapping two-character pieces (bigrams), which also match partial words.
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/gu;

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Terms for a search index or query: lower-case words plus CJK bigrams. */
export function searchTerms(text: string): string[] {
  const normalised = text.normalize('NFKC').toLowerCase();
  const terms: string[] = [];
  for (const run of normalised.match(CJK_RUN) ?? []) terms.push(...bigrams(run));
  const rest = normalised.replace(CJK_RUN, ' ');
  for (const word of rest.split(/[^\p{L}\p{N}]+/u)) if (word) terms.push(word);
  return terms;
}

/** The text stored through `to_tsvector('simple', …)` for one product. */
export function productSearchText(p: {
  titleEn: string;
  titleJa: string;
  descriptionEn?: string | undefined;
  descriptionJa?: string | undefined;
  sku: string;
}): string {
  const parts = [p.sku, p.titleEn, p.titleJa, p.descriptionEn ?? '', p.descriptionJa ?? ''];
  return searchTerms(parts.join(' ')).join(' ');
}

/** A tsquery in which every term must match; prefix matching on the last Latin word. */
export function searchQuery(q: string): string | null {
  const terms = searchTerms(q)
    .map((t) => t.replace(/[^\p{L}\p{N}ー々]/gu, ''))
    .filter(Boolean);
  if (terms.length === 0) return null;
  return terms
    .map((t, i) => (i === terms.length - 1 && /^[a-z0-9]+$/.test(t) ? `${t}:*` : t))
    .join(' & ');
}
