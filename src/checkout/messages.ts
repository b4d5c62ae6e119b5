// Words for checkout and its form checks; src/web/dictionary.ts gathers them.

export const checkoutEn = {
  'error.cartChanged': 'Your cart changed while you were checking out. Please review it again.',
  'error.keyReused':
    'This checkout form was already used for another order. Please review your cart and place the order again.',
  'v.country': 'Choose a country we ship to.',
  'v.postal': 'This is not a postal code of the selected country.',
  'v.phone': 'Enter a phone number with digits, spaces, +, ( ) or -.',
  'v.cardNumber': 'Enter the card number (digits only).',
  'v.expiry': 'Enter the expiry as MM/YY.',
  'v.cvc': 'Enter the 3 or 4 digit security code.',
  'v.method': 'Choose a shipping method.',
  'checkout.title': 'Checkout',
  'checkout.contact': 'Contact email',
  'checkout.contactHelp':
    'Order mails go to this address. It stays with the order even if you change your account email later.',
  'checkout.memberEmail': 'We will send mail about this order to {email}.',
  'checkout.shipping': 'Shipping address',
  'checkout.method': 'Shipping method',
  'checkout.methodDays': '{min}-{max} business days',
  'checkout.cardNote':
    'Visa, Mastercard, JCB and American Express. We keep only the brand and last four digits.',
  'checkout.duties':
    'Customs duties and import taxes, if any, are charged by your country and paid by the recipient on delivery.',
  'checkout.review': 'Review your order',
  'checkout.quote': 'Calculate shipping',
  'checkout.place': 'Place order',
  'checkout.placeNote': 'Your card is authorised now and charged when the order ships.',
  'checkout.shippingFee': 'Shipping',
  'checkout.total': 'Total',
  'checkout.regionWarning':
    '"{title}" is region {code}; players sold in {country} may not play it.',
  'checkout.declined':
    'Your card was declined ({reason}). Please check the details or use another card.',
  'checkout.challengeFailed': 'The card issuer could not confirm this payment. Please try again.',
  'checkout.thanks': 'Thank you for your order',
  'checkout.orderNumber': 'Order number',
  'checkout.confirmationMail': 'A confirmation will be sent to {email}.',
  'checkout.viewOrder': 'View this order',
  'checkout.guestLink': 'Keep this link to check your order without an account:',
  'checkout.payWith': 'How would you like to pay?',
  'checkout.payCard': 'Credit card',
  'checkout.payPaypal': 'PayPal',
  'checkout.paypalNote':
    "You approve the payment on PayPal's page and come back here; the order is placed and paid when you return.",
  'checkout.paypalNotOffered': 'PayPal is not available right now. Please pay by card.',
  'checkout.paypalCancelled':
    'You cancelled the payment on PayPal. Nothing was charged, and your cart is as you left it.',
  'checkout.paypalDeclined':
    'PayPal could not complete this payment, so nothing was charged. Please choose another way to pay.',
  'checkout.paypalUnavailable':
    'PayPal is not answering right now. Your order is not placed yet, and trying again will never charge you twice.',
  'checkout.paypalRetry': 'Try again',
  'checkout.paypalEnded':
    'This PayPal payment ended without an order, and nothing was charged. Please place your order again.',
  'checkout.paypalInProgress':
    'Your PayPal payment is still being confirmed in another window. Please wait a moment, then try again.',
  'checkout.paypalTampered':
    'This link back from PayPal is not valid, so nothing was charged. Please return to checkout.',
  'checkout.paypalCartChanged':
    'Your cart changed while you were at PayPal, so nothing was charged. Please review your order and pay again.',
  'checkout.backToCheckout': 'Back to checkout',
} as const;

export const checkoutJa: Record<keyof typeof checkoutEn, string> = {
  'error.cartChanged': 'お手続き中にカートの内容が変わりました。もう一度ご確認ください。',
  'error.keyReused':
    'このご注文手続きの画面は別のご注文ですでに使われています。カートをご確認のうえ、もう一度ご注文ください。',
  'v.country': 'お届け先の国・地域を選んでください。',
  'v.postal': '選択した国・地域の郵便番号の形式ではありません。',
  'v.phone': '電話番号は数字・空白・+・( )・- で入力してください。',
  'v.cardNumber': 'カード番号を数字で入力してください。',
  'v.expiry': '有効期限を MM/YY の形式で入力してください。',
  'v.cvc': '3桁または4桁のセキュリティコードを入力してください。',
  'v.method': '配送方法を選んでください。',
  'checkout.title': 'ご購入手続き',
  'checkout.contact': '連絡先メールアドレス',
  'checkout.contactHelp':
    'ご注文に関するメールはこのアドレスに届きます。後で会員情報のメールアドレスを変更しても、このご注文の連絡先は変わりません。',
  'checkout.memberEmail': 'このご注文に関するメールは {email} にお送りします。',
  'checkout.shipping': 'お届け先',
  'checkout.method': '配送方法',
  'checkout.methodDays': '{min}〜{max}営業日',
  'checkout.cardNote':
    'Visa・Mastercard・JCB・American Expressがご利用いただけます。当店が保存するのはカードの種類と下4桁のみです。',
  'checkout.duties': '関税・輸入税が課される場合は、お届け時に受取人様のお支払いとなります。',
  'checkout.review': 'ご注文内容の確認',
  'checkout.quote': '送料を計算する',
  'checkout.place': '注文を確定する',
  'checkout.placeNote': 'カードは注文時に与信を行い、発送時に請求します。',
  'checkout.shippingFee': '送料',
  'checkout.total': '合計',
  'checkout.regionWarning':
    '「{title}」のリージョンは{code}です。{country}で販売されている再生機では再生できない場合があります。',
  'checkout.declined':
    'カードがご利用いただけませんでした（{reason}）。内容をご確認いただくか、別のカードをご利用ください。',
  'checkout.challengeFailed':
    'カード会社による本人認証ができませんでした。もう一度お試しください。',
  'checkout.thanks': 'ご注文ありがとうございます',
  'checkout.orderNumber': 'ご注文番号',
  'checkout.confirmationMail': '{email} に確認メールをお送りします。',
  'checkout.viewOrder': 'ご注文内容を見る',
  'checkout.guestLink': '会員登録なしでご注文を確認できるよう、このリンクを保存してください：',
  'checkout.payWith': 'お支払い方法',
  'checkout.payCard': 'クレジットカード',
  'checkout.payPaypal': 'PayPal',
  'checkout.paypalNote':
    'PayPalの画面でお支払いを承認すると、この画面に戻ります。戻った時点でご注文が確定し、お支払いが完了します。',
  'checkout.paypalNotOffered': '現在PayPalはご利用いただけません。カードでお支払いください。',
  'checkout.paypalCancelled':
    'PayPalでのお支払いをキャンセルしました。ご請求は発生しておらず、カートの内容もそのままです。',
  'checkout.paypalDeclined':
    'PayPalでのお支払いを完了できなかったため、ご請求は発生していません。別のお支払い方法をお選びください。',
  'checkout.paypalUnavailable':
    '現在PayPalから応答がありません。ご注文はまだ確定していません。もう一度お試しいただいても、二重に請求されることはありません。',
  'checkout.paypalRetry': 'もう一度試す',
  'checkout.paypalEnded':
    'このPayPalでのお支払いはご注文に至らずに終了しました。ご請求は発生していません。もう一度ご注文ください。',
  'checkout.paypalInProgress':
    '別のウィンドウでPayPalでのお支払いを確認中です。少し待ってからもう一度お試しください。',
  'checkout.paypalTampered':
    'PayPalからの戻り先リンクが正しくないため、ご請求は発生していません。ご購入手続きの画面にお戻りください。',
  'checkout.paypalCartChanged':
    'PayPalでのお手続き中にカートの内容が変わったため、ご請求は行っていません。ご注文内容をご確認のうえ、もう一度お支払いください。',
  'checkout.backToCheckout': 'ご購入手続きに戻る',
};
