// Words for changing an order's delivery address; src/web/dictionary.ts gathers them.

export const orderAddressEn = {
  'orderAddress.title': 'Change the delivery address',
  'orderAddress.help':
    'You can change where this order goes until we start preparing it. The shipping fee was set when you ordered, so the new address must be in a country of the same shipping zone as {country}, served by the same shipping method.',
  'orderAddress.submit': 'Change the delivery address',
  'orderAddress.changed': 'The delivery address was changed. We sent a confirmation to {email}.',
  'orderAddress.unchanged': 'This is already the delivery address of this order.',
  'orderAddress.otherZone':
    'This address is in another shipping zone, so the shipping fee would change. Cancel the order and order again, or ask us through the inquiry form.',
  'orderAddress.methodUnavailable':
    '{method} does not deliver to this country, so the shipping fee would change. Cancel the order and order again, or ask us through the inquiry form.',
  'orderAddress.domesticOnly':
    'This order contains items that can only be shipped within Japan ({titles}), so the new address must be in Japan.',
  'orderAddress.tooLate':
    'We have started preparing this order, so its delivery address can no longer be changed here. If it is urgent, ask us through the inquiry form: until the parcel has left, our staff may still be able to help.',
  'orderAddress.noShipping': 'This order has nothing to ship, so it has no delivery address.',
  'orderAddress.limited':
    'The delivery address of this order has been changed several times in a short while. Please try again at {time}.',
  'orderAddress.inquiry': 'Ask us through the inquiry form',
  'orderAddress.history': 'Changes to this order',
  'orderAddress.event': 'Delivery address changed',
} as const;

export const orderAddressJa: Record<keyof typeof orderAddressEn, string> = {
  'orderAddress.title': 'お届け先を変更する',
  'orderAddress.help':
    '発送準備を始めるまでは、このご注文のお届け先を変更できます。送料はご注文時に確定しているため、新しいお届け先は{country}と同じ配送ゾーンの国・地域で、同じ配送方法でお届けできる場所に限ります。',
  'orderAddress.submit': 'お届け先を変更する',
  'orderAddress.changed': 'お届け先を変更しました。{email} に確認メールをお送りしました。',
  'orderAddress.unchanged': 'このご注文のお届け先は、すでにこの住所です。',
  'orderAddress.otherZone':
    'この住所は別の配送ゾーンにあるため、送料が変わってしまいます。ご注文をキャンセルして再度ご注文いただくか、お問い合わせフォームからご相談ください。',
  'orderAddress.methodUnavailable':
    '{method}はこの国・地域へお届けできないため、送料が変わってしまいます。ご注文をキャンセルして再度ご注文いただくか、お問い合わせフォームからご相談ください。',
  'orderAddress.domesticOnly':
    'このご注文には日本国内にのみお届けできる商品（{titles}）が含まれているため、新しいお届け先は日本国内に限ります。',
  'orderAddress.tooLate':
    'このご注文はすでに発送準備を始めているため、ここからはお届け先を変更できません。お急ぎの場合はお問い合わせフォームからご連絡ください。出荷前であれば、スタッフが対応できる場合があります。',
  'orderAddress.noShipping': 'このご注文には配送する商品がないため、お届け先はありません。',
  'orderAddress.limited':
    '短時間にお届け先の変更が繰り返されました。{time} 以降にもう一度お試しください。',
  'orderAddress.inquiry': 'お問い合わせフォームで相談する',
  'orderAddress.history': 'ご注文の変更履歴',
  'orderAddress.event': 'お届け先の変更',
};
