// The inquiry desk's words in both languages; src/web/dictionary.ts gathers them.

export const supportEn = {
  'inquiry.title': 'Inquiry',
  'inquiry.intro':
    'Ask us anything about your order, mail from the shop, shipping, payment or your membership. We answer by mail, usually within {days} business days.',
  'inquiry.guideFirst': 'Many questions are answered in the help guide.',
  'inquiry.chooseCategory': 'Choose…',
  'inquiry.about': 'About: {title}',
  'inquiry.category': 'What is it about?',
  'inquiry.category.order': 'An order',
  'inquiry.category.missing_email': 'I did not receive an email',
  'inquiry.category.contact_email': 'Change the contact email of an order',
  'inquiry.category.shipping': 'Shipping',
  'inquiry.category.payment': 'Payment',
  'inquiry.category.returns': 'Returns and defects',
  'inquiry.category.member_id': 'Member ID',
  'inquiry.category.other': 'Other',
  'inquiry.name': 'Your name',
  'inquiry.email': 'Your email address',
  'inquiry.emailHelp': 'We answer to this address.',
  'inquiry.memberCode': 'Member ID (if you have one)',
  'inquiry.memberCodeSignedIn': 'Member ID (you are signed in)',
  'inquiry.orderNumber': 'Order number',
  'inquiry.orderNumberHelp':
    'e.g. TP-261126-ABC123. Recommended for questions about an order; required to change its contact email.',
  'inquiry.newEmail': 'New email address for the order',
  'inquiry.newEmailHelp':
    'Only for "Change the contact email of an order": the order mails will go to this address.',
  'inquiry.message': 'Your message',
  'inquiry.messageHelp': 'Up to {max} characters.',
  'inquiry.photos': 'Photos (returns and defects)',
  'inquiry.photosHelp':
    'Up to {count} images (JPEG, PNG, GIF or WebP), {mb} MB each. Defects must be reported within {days} days of receipt.',
  'inquiry.photosAgain':
    'Photos are not kept when the form is shown again: please choose them again.',
  'inquiry.hpNote': 'Leave this field empty',
  'inquiry.send': 'Send inquiry',
  'inquiry.v.category': 'Choose what your inquiry is about.',
  'inquiry.v.name': 'Enter your name.',
  'inquiry.v.message': 'Enter your message.',
  'inquiry.v.messageLong': 'Use at most {max} characters (you entered {count}).',
  'inquiry.v.orderRequired': 'Enter the number of the order whose contact email should change.',
  'inquiry.v.orderNotFound':
    'We could not find an order with this number for this email address. Please check the number and use the email address you ordered with.',
  'inquiry.v.newEmailRequired': 'Enter the new email address for the order.',
  'inquiry.v.newEmailSame': 'This is already the contact email of the order.',
  'inquiry.v.newEmailWarn': '{problem} If the address is right, send the form again.',
  'inquiry.v.photoCount': 'Attach at most {count} photos.',
  'inquiry.v.photoSize': '"{file}" is larger than {mb} MB.',
  'inquiry.v.photoType': '"{file}" is not a JPEG, PNG, GIF or WebP image.',
  'inquiry.limited':
    'We have received many inquiries from you in a short time. Please try again at {time}.',
  'inquiry.thanksTitle': 'Thank you for your inquiry',
  'inquiry.thanksNumber': 'Your inquiry number is',
  'inquiry.thanksMail':
    'We sent you a receipt by mail. Our support team will answer by mail, usually within {days} business days.',
  'inquiry.thanksReply':
    'To add anything, reply to our mail and keep the inquiry number in the subject.',
  'inquiry.thanksPlain': 'We have received your inquiry.',
  'inquiry.backToGuide': 'Back to the help guide',
} as const;

export const supportJa: Record<keyof typeof supportEn, string> = {
  'inquiry.title': 'お問い合わせ',
  'inquiry.intro':
    'ご注文、ショップからのメール、配送、お支払い、会員登録について、お気軽にお問い合わせください。通常{days}営業日以内にメールでご回答いたします。',
  'inquiry.guideFirst': 'よくあるご質問はご利用ガイドでご案内しています。',
  'inquiry.chooseCategory': '選択してください',
  'inquiry.about': '対象の記事：{title}',
  'inquiry.category': 'お問い合わせの種類',
  'inquiry.category.order': 'ご注文について',
  'inquiry.category.missing_email': 'メールが届かない',
  'inquiry.category.contact_email': 'ご注文の連絡先メールアドレスの変更',
  'inquiry.category.shipping': '配送について',
  'inquiry.category.payment': 'お支払いについて',
  'inquiry.category.returns': '返品・不良品',
  'inquiry.category.member_id': '会員IDについて',
  'inquiry.category.other': 'その他',
  'inquiry.name': 'お名前',
  'inquiry.email': 'メールアドレス',
  'inquiry.emailHelp': 'このアドレスにご回答をお送りします。',
  'inquiry.memberCode': '会員ID（お持ちの場合）',
  'inquiry.memberCodeSignedIn': '会員ID（ログイン中）',
  'inquiry.orderNumber': 'ご注文番号',
  'inquiry.orderNumberHelp':
    '例：TP-261126-ABC123。ご注文に関するお問い合わせではご記入をおすすめします。連絡先メールアドレスの変更では必須です。',
  'inquiry.newEmail': 'ご注文の新しいメールアドレス',
  'inquiry.newEmailHelp':
    '「ご注文の連絡先メールアドレスの変更」の場合のみ：ご注文に関するメールをこのアドレスにお送りします。',
  'inquiry.message': 'お問い合わせ内容',
  'inquiry.messageHelp': '{max}文字以内。',
  'inquiry.photos': '写真（返品・不良品）',
  'inquiry.photosHelp':
    '画像（JPEG・PNG・GIF・WebP）を{count}枚まで、1枚{mb}MBまで。不良品のご連絡は商品到着後{days}日以内にお願いします。',
  'inquiry.photosAgain': 'フォームを再表示すると写真は保持されません。もう一度お選びください。',
  'inquiry.hpNote': 'この欄には何も入力しないでください',
  'inquiry.send': '送信する',
  'inquiry.v.category': 'お問い合わせの種類を選んでください。',
  'inquiry.v.name': 'お名前を入力してください。',
  'inquiry.v.message': 'お問い合わせ内容を入力してください。',
  'inquiry.v.messageLong': '{max}文字以内にしてください（現在{count}文字）。',
  'inquiry.v.orderRequired': '連絡先メールアドレスを変更するご注文の番号を入力してください。',
  'inquiry.v.orderNotFound':
    'このメールアドレスでこの番号のご注文が見つかりませんでした。番号と、ご注文時のメールアドレスをご確認ください。',
  'inquiry.v.newEmailRequired': 'ご注文の新しいメールアドレスを入力してください。',
  'inquiry.v.newEmailSame': 'このアドレスはすでにご注文の連絡先メールアドレスです。',
  'inquiry.v.newEmailWarn': '{problem} このアドレスで正しい場合は、もう一度送信してください。',
  'inquiry.v.photoCount': '写真は{count}枚までです。',
  'inquiry.v.photoSize': '「{file}」は{mb}MBを超えています。',
  'inquiry.v.photoType': '「{file}」はJPEG・PNG・GIF・WebPの画像ではありません。',
  'inquiry.limited':
    '短時間に多くのお問い合わせをいただいています。{time}以降にもう一度お試しください。',
  'inquiry.thanksTitle': 'お問い合わせありがとうございます',
  'inquiry.thanksNumber': 'お問い合わせ番号',
  'inquiry.thanksMail':
    '受付メールをお送りしました。通常{days}営業日以内に、サポート担当よりメールでご回答いたします。',
  'inquiry.thanksReply':
    '追加のご連絡は、件名のお問い合わせ番号を残したまま当店からのメールにご返信ください。',
  'inquiry.thanksPlain': 'お問い合わせを受け付けました。',
  'inquiry.backToGuide': 'ご利用ガイドに戻る',
};
