import { formatDate, formatMonth, type Locale, type Translate } from '../../web/i18n.ts';
import { Csrf, Notice } from '../../web/layout.tsx';
import { availabilityOf, canBuy } from '../availability.ts';
import type { Product } from '../tables.ts';
import { Price, ProductBadges, productTitle } from './product-card.tsx';

export function ProductPage(props: {
  product: Product;
  t: Translate;
  locale: Locale;
  now: Date;
  csrf: string;
  isMember: boolean;
  error?: string | undefined;
}) {
  const { product: p, t, locale, now } = props;
  const availability = availabilityOf(p, now);
  const maxQuantity = Math.max(1, Math.min(p.purchaseLimit ?? 10, p.stock, 10));
  const description = locale === 'ja' ? p.descriptionJa : p.descriptionEn;
  return (
    <article class="product">
      <img
        src={`/images/products/${p.sku}.svg`}
        alt={productTitle(p, locale)}
        width="400"
        height="400"
      />
      <div>
        <h1>{productTitle(p, locale)}</h1>
        <ProductBadges product={p} t={t} now={now} />
        <p>
          <Price amount={p.priceJpy} t={t} locale={locale} />
        </p>
        {props.error && <Notice kind="error">{props.error}</Notice>}
        <p class="stock">
          {availability === 'on_sale' && t('product.inStock')}
          {availability === 'low_stock' && t('product.lowStock', { count: p.stock })}
          {availability === 'sold_out' && t('product.soldOut')}
          {availability === 'ended' && t('product.ended')}
          {availability === 'preorder_open' &&
            p.preorderClosesAt &&
            t('product.preorderWindow', { date: formatDate(p.preorderClosesAt, locale, true) })}
          {availability === 'preorder_not_open' &&
            p.preorderOpensAt &&
            t('product.preorderNotOpen', { date: formatDate(p.preorderOpensAt, locale, true) })}
        </p>
        {p.releaseMonth && (
          <p>{t('product.release', { month: formatMonth(p.releaseMonth, locale) })}</p>
        )}
        {p.purchaseLimit && <p>{t('product.limit', { count: p.purchaseLimit })}</p>}
        {p.domesticOnly && <Notice kind="info">{t('product.domesticOnlyHelp')}</Notice>}
        {p.memberOnly && !props.isMember ? (
          <Notice kind="info">
            {t('product.memberOnlyHelp')}{' '}
            <a href={`/account/sign-in?next=/p/${p.slug}`}>{t('nav.signIn')}</a>
          </Notice>
        ) : (
          canBuy(availability) && (
            <form method="post" action="/cart/items" class="row">
              <Csrf token={props.csrf} />
              <input type="hidden" name="productId" value={p.id} />
              <label>
                {t('product.quantity')}{' '}
                <select name="quantity">
                  {Array.from({ length: maxQuantity }, (_, i) => (
                    <option value={String(i + 1)}>{i + 1}</option>
                  ))}
                </select>
              </label>
              <button type="submit">{t('product.addToCart')}</button>
            </form>
          )
        )}
        <h2>{t('product.details')}</h2>
        <p>{description}</p>
        <dl class="facts">
          <dt>SKU</dt>
          <dd>{p.sku}</dd>
          {p.regionCode && (
            <>
              <dt>{t('product.region', { code: '' }).replace(/[:：]\s*$/, '')}</dt>
              <dd>
                {['ALL', '0'].includes(p.regionCode) ? t('product.regionFree') : p.regionCode}
              </dd>
            </>
          )}
          {p.kind === 'physical' && (
            <>
              <dt>{t('product.weight', { grams: '' }).replace(/[:：]\s*g$/, '')}</dt>
              <dd>{p.weightG} g</dd>
            </>
          )}
        </dl>
      </div>
    </article>
  );
}
