// Words for the cart and the problems that stop a purchase; src/web/dictionary.ts gathers them.

export const cartEn = {
  'cart.title': 'Your cart',
  'cart.empty': 'Your cart is empty.',
  'cart.continue': 'Continue shopping',
  'cart.update': 'Update',
  'cart.remove': 'Remove',
  'cart.subtotal': 'Subtotal',
  'cart.checkout': 'Proceed to checkout',
  'cart.added': 'Added to your cart.',
  'cart.shippingNote':
    'Shipping is calculated at checkout from the destination and package weight.',
  'cart.preorderNote':
    'Your cart contains pre-order items. An order ships as one package when everything in it has been released. For in-stock items sooner, place a separate order.',
  'error.soldOut': '"{title}" is sold out.',
  'error.notEnoughStock': {
    plural: 'count',
    one: 'Only {count} of "{title}" is left.',
    other: 'Only {count} of "{title}" are left.',
  },
  'error.overLimit': '"{title}" is limited to {count} per customer.',
  'error.notForSale': '"{title}" is not on sale.',
  'error.memberOnly': '"{title}" is for fan club members only. Please sign in.',
  'error.domesticOnly': '"{title}" can only be shipped to Japan.',
  'error.emptyCart': 'Your cart is empty.',
} as const;

export const cartJa: Record<keyof typeof cartEn, string> = {
  'cart.title': 'ショッピングカート',
  'cart.empty': 'カートに商品はありません。',
  'cart.continue': '買い物を続ける',
  'cart.update': '更新',
  'cart.remove': '削除',
  'cart.subtotal': '小計',
  'cart.checkout': 'ご購入手続きへ',
  'cart.added': 'カートに追加しました。',
  'cart.shippingNote': '送料はお届け先と荷物の重さから、ご購入手続きで計算します。',
  'cart.preorderNote':
    'カートに予約商品が含まれています。ご注文はすべての商品が揃ってから一括で発送します。在庫品を先に受け取りたい場合は、別々にご注文ください。',
  'error.soldOut': '「{title}」は売り切れです。',
  'error.notEnoughStock': '「{title}」の在庫は残り{count}点です。',
  'error.overLimit': '「{title}」はお一人様{count}点までです。',
  'error.notForSale': '「{title}」は現在販売していません。',
  'error.memberOnly': '「{title}」はファンクラブ会員限定です。ログインしてください。',
  'error.domesticOnly': '「{title}」は日本国内にのみお届けできます。',
  'error.emptyCart': 'カートが空です。',
};
