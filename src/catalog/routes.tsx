import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { TtlCache } from '../lib/ttl-cache.ts';
import type { AppEnv } from '../web/context.ts';
import { notFound } from '../web/errors.ts';
import { isLocale } from '../web/i18n.ts';
import { renderPage } from '../web/layout.tsx';
import { safeLocalPath } from '../web/redirect.ts';
import { cookieNames, setSessionCookie } from '../web/session.ts';
import { categories, categoryNames } from './demo-catalog.ts';
import { findProductBySku, findProductBySlug, listProducts } from './list-products.ts';
import { ProductGrid } from './pages/product-card.tsx';
import { ProductPage } from './pages/product-page.tsx';
import { productImageSvg } from './product-image.ts';
import type { Product } from './tables.ts';

// Catalog pages are the hot path; a second of staleness is invisible (checkout re-reads everything).
const CATALOG_CACHE_MS = 1000;
const caches = new WeakMap<
  Db,
  { products: TtlCache<Product | null>; listings: TtlCache<Product[]> }
>();
function cachesFor(db: Db) {
  let found = caches.get(db);
  if (!found) {
    found = {
      products: new TtlCache(CATALOG_CACHE_MS),
      listings: new TtlCache(CATALOG_CACHE_MS, 100),
    };
    caches.set(db, found);
  }
  return found;
}

// Long queries are cut rather than refused: a search box should never answer with an error.
const searchQuery = z.object({
  q: z
    .string()
    .default('')
    .transform((q) => q.trim().slice(0, 100)),
});

export const catalogRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { db, clock } = c.get('deps');
    const t = c.get('t');
    const locale = c.get('locale');
    const includeMemberOnly = !!c.get('member');
    const products = await cachesFor(db).listings.get(`home:${includeMemberOnly}`, () =>
      listProducts(db, { includeMemberOnly, limit: 48 }),
    );
    return renderPage(
      c,
      t('nav.home'),
      <>
        <nav aria-label={t('home.categories')} class="badges category-nav">
          {categories.map((cat) => (
            <a class="badge" href={`/c/${cat}`}>
              {categoryNames[cat][locale]}
            </a>
          ))}
        </nav>
        <h1>{t('home.title')}</h1>
        <ProductGrid products={products} t={t} locale={locale} now={clock.now()} />
      </>,
    );
  })
  .get('/c/:category', async (c) => {
    const category = categories.find((x) => x === c.req.param('category'));
    if (!category) throw notFound();
    const { db, clock } = c.get('deps');
    const t = c.get('t');
    const locale = c.get('locale');
    const products = await listProducts(db, { category, includeMemberOnly: !!c.get('member') });
    const title = categoryNames[category][locale];
    return renderPage(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p class="muted">{t('catalog.results', { count: products.length })}</p>
        <ProductGrid products={products} t={t} locale={locale} now={clock.now()} />
      </>,
    );
  })
  .get('/search', async (c) => {
    const { db, clock } = c.get('deps');
    const t = c.get('t');
    const locale = c.get('locale');
    const parsed = searchQuery.safeParse(c.req.query());
    const q = parsed.success ? parsed.data.q : '';
    const products = q ? await listProducts(db, { q, includeMemberOnly: !!c.get('member') }) : [];
    return renderPage(
      c,
      t('catalog.searchTitle', { q }),
      <>
        <h1>{t('catalog.searchTitle', { q })}</h1>
        {products.length === 0 ? (
          <p>{t('catalog.noResults', { q })}</p>
        ) : (
          <>
            <p class="muted">{t('catalog.results', { count: products.length })}</p>
            <ProductGrid products={products} t={t} locale={locale} now={clock.now()} />
          </>
        )}
      </>,
    );
  })
  .get('/p/:slug', async (c) => {
    const { db, clock } = c.get('deps');
    const slug = c.req.param('slug');
    const product = await cachesFor(db).products.get(slug, () => findProductBySlug(db, slug));
    if (!product) throw notFound();
    const locale = c.get('locale');
    return renderPage(
      c,
      locale === 'ja' ? product.titleJa : product.titleEn,
      <ProductPage
        product={product}
        t={c.get('t')}
        locale={locale}
        now={clock.now()}
        csrf={c.get('csrfToken')}
        isMember={!!c.get('member')}
      />,
    );
  })
  .get('/images/products/:file', async (c) => {
    const sku = c.req.param('file').replace(/\.svg$/, '');
    const product = await findProductBySku(c.get('deps').db, sku);
    if (!product) throw notFound();
    const svg = productImageSvg({
      title: product.titleEn,
      category: product.category as (typeof categories)[number],
      hue: product.imageHue,
      sku: product.sku,
    });
    c.header('cache-control', 'public, max-age=86400');
    return c.body(svg, 200, { 'content-type': 'image/svg+xml' });
  })
  .get('/lang/:locale', (c) => {
    const locale = c.req.param('locale');
    if (!isLocale(locale)) throw notFound();
    setSessionCookie(c, cookieNames.locale, locale, 400 * 24 * 3600);
    return c.redirect(safeLocalPath(c.req.query('back')), 303);
  });
