import { formatJpy } from '../../lib/money.ts';
import type { Locale, Translate } from '../../web/i18n.ts';
import { availabilityOf } from '../availability.ts';
import type { Product } from '../tables.ts';

export function productTitle(p: Pick<Product, 'titleEn' | 'titleJa'>, locale: Locale): string {
  return locale === 'ja' ? p.titleJa : p.titleEn;
}

export function Price({ amount, t, locale }: { amount: number; t: Translate; locale: Locale }) {
  return (
    <span class="price">
      {formatJpy(amount, locale)}
      <small>{t('product.taxIncluded')}</small>
    </span>
  );
}

/** The badges that tell a customer at a glance what is special about a product. */
export function ProductBadges({ product, t, now }: { product: Product; t: Translate; now: Date }) {
  const availability = availabilityOf(product, now);
  return (
    <div class="badges">
      {availability.startsWith('preorder') && (
        <span class="badge preorder">{t('product.preorder')}</span>
      )}
      {availability === 'sold_out' && <span class="badge soldout">{t('product.soldOut')}</span>}
      {availability === 'ended' && <span class="badge soldout">{t('product.ended')}</span>}
      {product.memberOnly && <span class="badge member">{t('product.memberOnly')}</span>}
      {product.domesticOnly && <span class="badge domestic">{t('product.domesticOnly')}</span>}
      {product.kind === 'digital' && <span class="badge">{t('product.digital')}</span>}
      {product.regionCode && (
        <span class="badge">{t('product.region', { code: product.regionCode })}</span>
      )}
    </div>
  );
}

export function ProductGrid(props: {
  products: Product[];
  t: Translate;
  locale: Locale;
  now: Date;
}) {
  return (
    <div class="grid">
      {props.products.map((p) => (
        <a class="card" href={`/p/${p.slug}`}>
          <img
            src={`/images/products/${p.sku}.svg`}
            alt=""
            loading="lazy"
            width="400"
            height="400"
          />
          <div class="body">
            <span class="title">{productTitle(p, props.locale)}</span>
            <Price amount={p.priceJpy} t={props.t} locale={props.locale} />
            <ProductBadges product={p} t={props.t} now={props.now} />
          </div>
        </a>
      ))}
    </div>
  );
}
