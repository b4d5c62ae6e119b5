import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { guideFacts } from './facts.ts';
import { loadArticles, parseArticle } from './load-articles.ts';
import {
  renderArticle,
  renderMarkdown,
  sanitizeArticleHtml,
  substituteFacts,
} from './render-article.ts';

const env = parseEnv({ LOG_LEVEL: 'silent', MAIL_DOMAIN: 'mail.tenpo.test' });
const fixtures = loadArticles(fileURLToPath(new URL('./fixtures/', import.meta.url)));
const fixture = (slug: string) => fixtures.find((a) => a.slug === slug)!;

function article(en: string, ja = '日本語。') {
  return parseArticle(
    'pricing.md',
    `---\nslug: pricing\ngroup: orders\norder: 10\ntitle:\n  en: Pricing\n  ja: 価格\nstatus: live\n---\n<!-- en -->\n${en}\n<!-- ja -->\n${ja}\n`,
  );
}

describe('rendering guide articles', () => {
  it('fills in facts from the configuration in each language', () => {
    const en = renderArticle(fixture('if-you-do-not-receive-an-email'), env, 'en');
    expect(en.html).toContain('<strong>mail.tenpo.test</strong>');
    expect(en.html).toContain(`We retry for ${env.MAIL_RETRY_HOURS} hours.`);
    expect(en.html).toContain('<h2>Still nothing?</h2>');
    const ja = renderArticle(fixture('if-you-do-not-receive-an-email'), env, 'ja');
    expect(ja.html).toContain(`<li>${env.MAIL_RETRY_HOURS}時間、再送を続けます。</li>`);
    expect(ja.text).toContain('mail.tenpo.test を受信許可リストに追加し');
    const other = parseEnv({ LOG_LEVEL: 'silent', MAIL_DOMAIN: 'other.example' });
    expect(renderArticle(fixture('if-you-do-not-receive-an-email'), other, 'en').html).toContain(
      '<strong>other.example</strong>',
    );
  });

  it('renders the fee tables facts hold as HTML tables', () => {
    const { html } = renderArticle(fixture('shipping-info'), env, 'en');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Zone</th>');
    expect(html).toMatch(/<td>Asia<\/td>\s*<td>[^<]*¥/);
    expect(html).not.toContain('|---|');
    const ja = renderArticle(fixture('shipping-info'), env, 'ja').html;
    expect(ja).toContain('<th>地域</th>');
  });

  it('refuses a fact that does not exist, naming the article', () => {
    expect(() => renderArticle(article('Points rate: {{points_rate}}%'), env, 'en')).toThrow(
      'Guide article pricing.md: unknown fact {{points_rate}}',
    );
    expect(() => substituteFacts('{{toString}}', guideFacts(env, 'en'), 'x.md')).toThrow(
      'unknown fact {{toString}}',
    );
  });

  it('keeps relative and http(s) links and marks the external ones noopener', () => {
    const { html } = renderArticle(fixture('if-you-do-not-receive-an-email'), env, 'en');
    expect(html).toContain('<a href="/guide/shipping-info">how we ship</a>');
    expect(html).toContain('<a href="/inquiry?category=missing_email">ask us</a>');
    expect(html).toContain(
      '<a href="https://mail.example.com/help" rel="noopener">Example Mail</a>',
    );
  });

  it('shows raw HTML as text and strips scripts, event handlers and javascript: links', () => {
    const html = renderMarkdown(
      [
        '<script>alert(1)</script>',
        '',
        '<img src=x onerror="alert(2)">',
        '',
        '[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) [proto](//evil.example/x)',
        '',
        '[ok](https://example.com/a "t")',
      ].join('\n'),
    );
    expect(html).not.toMatch(
      /<script|<img|<[^>]*onerror|href="javascript:|href="data:|href="\/\/evil/i,
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://example.com/a" rel="noopener">ok</a>');
  });

  it('strips scripts, event handlers and javascript: links from HTML that got through', () => {
    const html = sanitizeArticleHtml(
      [
        '<p onclick="steal()">Hi<script>alert(1)</script></p>',
        '<img src="x" onerror="alert(2)">',
        '<a href="javascript:alert(3)">js</a> <a href="JaVaScRiPt:alert(4)">js2</a>',
        '<a href=" javascript:alert(5)">js3</a> <a href="/guide/pricing" onmouseover="x()">ok</a>',
        '<iframe src="https://evil.example"></iframe><style>p{}</style>',
        '<table><tr><td style="color:red">cell</td></tr></table>',
      ].join(''),
    );
    expect(html).toBe(
      '<p>Hi</p><a>js</a> <a>js2</a><a>js3</a> <a href="/guide/pricing">ok</a><table><tr><td>cell</td></tr></table>',
    );
  });

  it('drops tags outside the allowlist even if Markdown produced them', () => {
    const html = renderMarkdown('# Big\n\n![pic](https://example.com/p.png)\n\n~~gone~~ `code`');
    expect(html).not.toMatch(/<h1|<img|<s>/);
    expect(html).toContain('Big');
    expect(html).toContain('<code>code</code>');
  });

  it('renders once per article, language and configuration', () => {
    const a = fixture('payment-methods');
    expect(renderArticle(a, env, 'en')).toBe(renderArticle(a, env, 'en'));
    expect(renderArticle(a, env, 'en')).not.toBe(renderArticle(a, env, 'ja'));
  });
});
