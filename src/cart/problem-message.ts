import type { QuoteProblem } from '../checkout/quote-order.ts';
import type { Translate } from '../web/i18n.ts';
import type { PurchaseProblem } from './purchase-rules.ts';

/** A customer-facing sentence for why a product or cart cannot be bought. */
export function problemMessage(
  t: Translate,
  problem: PurchaseProblem | QuoteProblem | { code: 'unknown_product' },
  title = '',
): string {
  const name = 'title' in problem ? problem.title : title;
  switch (problem.code) {
    case 'sold_out':
      return t('error.soldOut', { title: name });
    case 'not_enough_stock':
      return t('error.notEnoughStock', { title: name, count: problem.available });
    case 'over_limit':
      return t('error.overLimit', { title: name, count: problem.limit });
    case 'member_only':
      return t('error.memberOnly', { title: name });
    case 'domestic_only':
      return t('error.domesticOnly', { title: name });
    case 'empty_cart':
      return t('error.emptyCart');
    case 'not_for_sale':
    case 'unknown_product':
      return t('error.notForSale', { title: name });
    case 'unknown_country':
      return t('error.unknownCountry');
    case 'method_unavailable':
      return t('error.methodUnavailable');
    case 'too_heavy':
      return t('error.tooHeavy');
  }
}
