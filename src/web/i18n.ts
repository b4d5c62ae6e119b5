import { giftEn, giftJa } from '../checkout/gift-messages.ts';
import { caseEn, caseJa } from '../guide/case-messages.ts';
import { guideEn, guideJa } from '../guide/messages.ts';
import { orderAddressEn, orderAddressJa } from '../orders/address-messages.ts';
import { fixPaymentEn, fixPaymentJa } from '../payments/fix-payment-messages.ts';
import { supportEn, supportJa } from '../support/messages.ts';

export const locales = ['en', 'ja'] as const;
export type Locale = (typeof locales)[number];

const coreEn = {
  'site.tagline': 'Anime and music goods from Japan, shipped worldwide',
  'nav.home': 'Home',
  'nav.cart': 'Cart',
  'nav.mypage': 'MyPage',
  'nav.signIn': 'Sign in',
  'nav.signOut': 'Sign out',
  'nav.register': 'Become a member',
  'nav.search': 'Search',
  'nav.searchPlaceholder': 'Search titles and descriptions',
  'nav.language': '日本語',
  'nav.skip': 'Skip to content',
  'footer.prices': 'All prices are in Japanese yen and include 10% consumption tax.',
  'home.title': 'New and popular',
  'home.categories': 'Categories',
  'home.preorders': 'Pre-orders open now',
  'catalog.results': '{count} items',
  'catalog.noResults': 'Nothing matched "{q}". Try a shorter word or another spelling.',
  'catalog.searchTitle': 'Search results for "{q}"',
  'product.taxIncluded': 'tax incl.',
  'product.inStock': 'In stock',
  'product.lowStock': 'Only {count} left',
  'product.soldOut': 'Sold out',
  'product.ended': 'Sales ended',
  'product.preorder': 'Pre-order',
  'product.preorderWindow': 'Pre-orders close {date}',
  'product.preorderNotOpen': 'Pre-orders open {date}',
  'product.release': 'Release: {month}',
  'product.region': 'Region code: {code}',
  'product.regionFree': 'Region free',
  'product.domesticOnly': 'Ships within Japan only',
  'product.domesticOnlyHelp':
    'This item can only be delivered to an address in Japan. Overseas customers can order it through a forwarding service.',
  'product.memberOnly': 'Fan club members only',
  'product.memberOnlyHelp': 'Sign in as a member to buy this item.',
  'product.digital': 'Digital item',
  'product.limit': 'Limit {count} per customer',
  'product.quantity': 'Quantity',
  'product.addToCart': 'Add to cart',
  'product.details': 'Details',
  'product.weight': 'Shipping weight: {grams} g',
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
  'error.notEnoughStock': 'Only {count} of "{title}" are left.',
  'error.overLimit': '"{title}" is limited to {count} per customer.',
  'error.notForSale': '"{title}" is not on sale.',
  'error.memberOnly': '"{title}" is for fan club members only. Please sign in.',
  'error.domesticOnly': '"{title}" can only be shipped to Japan.',
  'error.emptyCart': 'Your cart is empty.',
  'error.cartChanged': 'Your cart changed while you were checking out. Please review it again.',
  'error.keyReused':
    'This checkout form was already used for another order. Please review your cart and place the order again.',
  'error.generic': 'Something went wrong on our side. Please try again in a moment.',
  'error.notFound': 'We could not find that page.',
  'error.csrf': 'This form has expired. Please go back, reload the page and try again.',
  'error.tooLarge': 'What you sent is too large.',
  'error.requestId': 'If you contact us about this, please quote request ID {id}.',
  'error.fixBelow': 'Please check the fields marked below.',
  'error.tooMany': 'Too many attempts. Please wait {minutes} minutes and try again.',
  'v.required': 'Required.',
  'v.tooLong': 'This is too long.',
  'v.email': 'Enter an email address such as taro@example.com.',
  'v.country': 'Choose a country we ship to.',
  'v.postal': 'This is not a postal code of the selected country.',
  'v.phone': 'Enter a phone number with digits, spaces, +, ( ) or -.',
  'v.cardNumber': 'Enter the card number (digits only).',
  'v.expiry': 'Enter the expiry as MM/YY.',
  'v.cvc': 'Enter the 3 or 4 digit security code.',
  'v.method': 'Choose a shipping method.',
  'v.memberCode': 'Use 4-20 letters, digits, "-" or "_".',
  'v.passwordShort': 'Use at least 10 characters.',
  'v.passwordLong': 'Use at most 200 characters.',
  'v.login': 'Enter your member ID or email.',
  'v.password': 'Enter your password.',
  'error.methodUnavailable':
    'The chosen shipping method does not deliver to this country. Please choose another.',
  'error.tooHeavy':
    'This order is too heavy to ship as one package. Please split it into several orders.',
  'error.unknownCountry': 'We do not ship to this country.',
  'checkout.title': 'Checkout',
  'checkout.contact': 'Contact email',
  'checkout.contactHelp':
    'Order mails go to this address. It stays with the order even if you change your account email later.',
  'checkout.memberEmail': 'We will send mail about this order to {email}.',
  'checkout.shipping': 'Shipping address',
  'checkout.name': 'Full name',
  'checkout.line1': 'Address line 1',
  'checkout.line2': 'Address line 2 (optional)',
  'checkout.city': 'City',
  'checkout.region': 'State / prefecture',
  'checkout.postal': 'Postal code',
  'checkout.postalExample': 'e.g. {example}',
  'checkout.country': 'Country',
  'checkout.phone': 'Phone',
  'checkout.method': 'Shipping method',
  'checkout.methodDays': '{min}-{max} business days',
  'checkout.payment': 'Payment',
  'checkout.cardNumber': 'Card number',
  'checkout.cardHolder': 'Name on card',
  'checkout.cardExpiry': 'Expiry (MM/YY)',
  'checkout.cardCvc': 'Security code',
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
  'decline.card_declined': 'declined by the issuer',
  'decline.insufficient_funds': 'insufficient funds',
  'decline.invalid_card': 'the number is not a valid card of an accepted brand',
  'decline.expired_card': 'the card has expired',
  'account.signInTitle': 'Sign in',
  'account.login': 'Member ID or email',
  'account.password': 'Password',
  'account.signInFailed': 'The member ID, email or password is not correct.',
  'account.registerTitle': 'Become a member',
  'account.memberCode': 'Member ID',
  'account.memberCodeHelp': '4-20 letters, digits, "-" or "_". You sign in with it.',
  'account.email': 'Email',
  'account.name': 'Name',
  'account.passwordHelp': 'At least 10 characters.',
  'account.language': 'Language for mail',
  'account.create': 'Create account',
  'account.taken': 'This member ID is taken; choose another.',
  'account.noAccount': 'New here?',
  'mypage.title': 'MyPage',
  'mypage.welcome': 'Hello, {name}',
  'mypage.memberCode': 'Member ID: {code}',
  'mypage.orders': 'Order history',
  'mypage.noOrders': 'You have not ordered anything yet.',
  'mypage.policyNotice':
    'Your email address {email} does not meet our current address rules, so our mail may not reach you. Please change it:',
  'mypage.settings': 'Account settings',
  'mypage.linkProfile': 'Member information',
  'mypage.linkPassword': 'Change password',
  'mypage.linkAddresses': 'Address book',
  'mypage.linkCancel': 'Cancel membership',
  'order.title': 'Order {number}',
  'order.placedAt': 'Placed {date}',
  'order.status': 'Status',
  'order.items': 'Items',
  'order.shipTo': 'Ship to',
  'order.contactEmail': 'Contact email',
  'order.payment': 'Payment',
  'order.cancel': 'Cancel this order',
  'order.cancelConfirm': 'Cancel the whole order? Your card authorisation is released.',
  'order.cancelled': 'The order was cancelled.',
  'order.cannotCancel': 'This order can no longer be cancelled from here. Please contact us.',
  'order.track': 'Track the package',
  'order.tracking': '{carrier} tracking number {number}',
  'order.preorderLine': 'Pre-order, release {month}',
  'state.placed': 'Order placed',
  'state.payment_authorised': 'Payment authorised',
  'state.preparing': 'Preparing for shipment',
  'state.shipped': 'Shipped',
  'state.delivered': 'Delivered',
  'state.cancelled': 'Cancelled',
  // Mail recovery: delivery states, the order's mail, contact change, finding an order, MyPage.
  'delivery.waiting': 'Waiting to be sent',
  'delivery.sent': "Accepted by your provider's server at {time}",
  'delivery.sentNoTime': "Accepted by your provider's server",
  'delivery.deferred': 'Your provider is not accepting it right now; we will try again at {time}',
  'delivery.bounced': 'Your provider refused it: {reason}',
  'delivery.complained': 'Marked as spam by you or your provider',
  'delivery.suppressed': 'Not sent: this address is blocked after earlier failures',
  'delivery.suppressedComplaint': 'Not sent: mail to this address was reported as spam before',
  'delivery.suppressedManual': 'Not sent: our support team has stopped mail to this address',
  'delivery.failed': 'Could not be delivered',
  'delivery.failedRetries':
    'Could not be delivered: your provider did not accept it, however often we tried',
  'bounce.noSuchAddress': 'the address does not exist',
  'bounce.mailboxFull': 'the mailbox is full',
  'bounce.spam': 'it was blocked as possible spam',
  'bounce.other': 'the address could not accept it',
  'suppression.hard_bounce': 'your provider refused our mail because {reason}',
  'suppression.soft_bounces': 'your provider refused several of our mails in a row',
  'suppression.complaint': 'one of our mails was marked as spam by you or your provider',
  'suppression.manual': 'our support team stopped mail to it',
  'mail.topic.order_placed': 'Order confirmation',
  'mail.topic.order_cancelled': 'Cancellation notice',
  'mail.topic.order_shipped': 'Shipping notice',
  'mail.topic.payment_failed': 'Payment failed: please enter another card',
  'mail.topic.order_address_changed': 'Delivery address change',
  'mail.topic.order_contact_moved': 'Order mail moved to another address',
  'mail.topic.important_notice': 'Important notice',
  'mail.topic.verification_code': 'Verification code',
  'mail.topic.inquiry_receipt': 'Inquiry received',
  'mail.topic.inquiry_reply': 'Reply to your inquiry',
  'mail.topic.inquiry_contact_notice': 'Contact email change notice',
  'mail.topic.other': 'Mail',
  'mail.purpose.order_email_change': 'to move this order’s mail',
  'mail.purpose.order_lookup': 'to open this order',
  'mail.sentAgain': 'sent again',
  'mail.to': 'To {email}',
  'orderMail.title': 'Mail about this order',
  'orderMail.none': 'We have not sent any mail about this order yet.',
  'orderMail.resend': 'Resend',
  'orderMail.resendTo': 'Resend to {email}',
  'orderMail.resent': 'We sent it again to {email}. It should arrive within a few minutes.',
  'orderMail.resendLimited':
    'This order’s mail was resent several times in the last hour. You can resend again at {time}.',
  'orderMail.blocked':
    'We have stopped sending to {email} because earlier mail to it could not be delivered or was reported as spam. Send this order’s mails to another address below.',
  'contactChange.title': 'Send this order’s mails to another address',
  'contactChange.help':
    'We send a 6-digit code to the new address. Once you enter it here, mail about this order goes there, and we send the order confirmation there again.',
  'contactChange.onlyThisOrder':
    'This changes only this order’s contact email. Your member account email ({email}) stays the same.',
  'contactChange.onlyThisOrderGuest': 'This changes only this order’s contact email.',
  'contactChange.current': 'Mail about this order now goes to {email}.',
  'contactChange.newEmail': 'New email address',
  'contactChange.send': 'Send a code',
  'contactChange.same': 'This is already the contact email for this order.',
  'contactChange.suppressed':
    'We cannot send to this address because earlier mail to it failed. Please choose another one.',
  'contactChange.limited':
    'Too many codes were requested for this order. You can try again at {time}.',
  'contactChange.codeTitle': 'Enter the code',
  'contactChange.codeSent': 'We sent a 6-digit code to {email}. It works until {time}.',
  'contactChange.done':
    'From now on, mail about this order goes to {email}. We sent the order confirmation there again.',
  'contactChange.back': 'Back to the order',
  'code.label': '6-digit code',
  'code.confirm': 'Confirm',
  'code.wrong': 'That code is not right. You can try {count} more times.',
  'code.expired': 'This code has expired. Please send a new one.',
  'code.tooMany': 'Too many wrong codes were entered. Please send a new one.',
  'code.none': 'There is no code waiting. Please send a new one.',
  'code.sendAgain': 'Send a new code',
  'code.notArrived':
    'No mail? Look in your spam folder, or send a new code: each new code replaces the previous one.',
  'v.code': 'Enter the 6 digits from the mail.',
  'v.orderNumber': 'Enter the order number, e.g. TP-261126-ABC123.',
  'findOrder.title': 'Find your order',
  'orderLink.goneTitle': 'This order link no longer works',
  'orderLink.replaced':
    "The order's mail was moved to another email address, so the links sent before the move stopped working. A new link was sent to the new address.",
  'orderLink.expired':
    'Order links stop working {days} days after the last change to the order (for example its delivery).',
  'orderLink.howToFind':
    'To open the order again, enter its order number and the email address that receives its mail: we send a code to that address, and the code opens the order.',
  'findOrder.intro':
    'Ordered without an account? Enter the order number and the email address you used. We will send a code to that address.',
  'findOrder.number': 'Order number',
  'findOrder.numberHelp': 'It starts with TP- and is in the order confirmation mail.',
  'findOrder.email': 'Email address used for the order',
  'findOrder.send': 'Send a code',
  'findOrder.sent':
    'If the order number and email match, we sent a code to that address. It works for 10 minutes.',
  'findOrder.wrongCode':
    'That code is not right or no longer valid. A code works for 10 minutes and for 5 tries; you can ask for a new one.',
  'findOrder.open': 'Open the order',
  'findOrder.newCode': 'Ask for a new code',
  'findOrder.members': 'Members: sign in to see all your orders on MyPage.',
  'findOrder.limited': 'Too many attempts. Please try again at {time}.',
  'account.guestOrder': 'Ordered without an account?',
  'mypage.mailProblemTitle': 'Our mail is not reaching {email}',
  'mypage.mailSuppressed': 'Since {date} we no longer send mail to this address: {why}.',
  'mypage.mailBouncing': 'Since {date} mail to this address is not getting through. Latest: {why}.',
  'mypage.mailProblemHelp':
    'Order confirmations, shipping notices and codes cannot reach you until this is fixed.',
  'mypage.changeEmail': 'Change your email address',
  'mypage.askHelp': 'Ask us for help',
  'mypage.orderMailHint':
    'For a single order, you can also send its mails to another address from the order’s page.',
  'mypage.recentMail': 'Recent mail to you',
  'mypage.noMail': 'We have not sent you any mail yet.',
  'policy.syntax.control':
    'The email address contains invisible control characters. Please type it again.',
  'policy.syntax.space': 'Remove the spaces from the email address.',
  'policy.syntax.backslash': 'Remove the backslash (\\) from the email address.',
  'policy.syntax.quoted': 'Remove the quotation marks (") from the email address.',
  'policy.syntax.comment': 'Remove the brackets ( ) from the email address.',
  'policy.syntax.literal':
    'After the @, enter a domain name such as example.com, not an address in [ ].',
  'policy.syntax.at':
    'An email address has exactly one half-width @ between the name and the domain, like taro@example.com.',
  'policy.syntax.empty':
    'Something is missing before or after the @. Enter the whole address, like taro@example.com.',
  'policy.symbol':
    "Email addresses with symbols other than '.', '-' and '_' before the @ often don't receive our mail. Remove: {chars}",
  'policy.dot_position':
    'The part before the @ cannot start or end with a dot (.). Remove that dot.',
  'policy.consecutive_dots':
    'The part before the @ cannot have two dots in a row (..). Remove one of them.',
  'policy.too_long':
    'This email address has {length} characters; we accept at most 64. Please use a shorter address.',
  'policy.domain_syntax':
    'The part after the @ ("{domain}") is not a domain name. Check it for typos; it looks like example.com.',
  'policy.domain_not_found':
    'The domain "{domain}" does not receive email. Check the part after the @ for typos.',
  'policy.suggestion': 'Did you mean {address}?',
  'policy.warnAgain': 'If this address is right, send the form again to use it anyway.',
  'policy.warnLive': 'You can still use this address if it is right.',
  'policy.checking': 'Checking the address…',
  'policy.looksFine': 'This address looks fine.',
  // Member information (profile, password, address book, cancelling membership).
  'profile.nav.title': 'Member information',
  'profile.nav.profile': 'Name and language',
  'profile.nav.email': 'Email address',
  'profile.nav.password': 'Password',
  'profile.nav.addresses': 'Address book',
  'profile.nav.cancel': 'Cancel membership',
  'profile.title': 'Name and language',
  'profile.memberCode': 'Member ID',
  'profile.memberCodeFixed': '(cannot be changed)',
  'profile.email': 'Email address',
  'profile.changeEmail': 'Change',
  'profile.name': 'Name',
  'profile.language': 'Language',
  'profile.languageHelp': 'We write our mail to you in this language.',
  'profile.save': 'Save',
  'profile.saved': 'Your changes are saved.',
  'profile.unchanged': 'Nothing was changed.',
  'profile.v.locale': 'Choose English or Japanese.',
  'profile.passwordTitle': 'Change your password',
  'profile.passwordIntro':
    'After the change you stay signed in here and are signed out everywhere else. We send a notice to {email}.',
  'profile.currentPassword': 'Current password',
  'profile.newPassword': 'New password',
  'profile.newPasswordHelp': 'At least 10 characters.',
  'profile.changePassword': 'Change password',
  'profile.wrongPassword': 'The password is not correct.',
  'profile.samePassword': 'Choose a password different from the current one.',
  'profile.passwordChanged':
    'Your password is changed. Everywhere else you were signed in has been signed out, and we sent a notice to {email}.',
  'profile.addressesTitle': 'Address book',
  'profile.addressesIntro':
    'You can pick a saved address at checkout; the default one is filled in for you.',
  'profile.noAddresses': 'You have no saved addresses yet.',
  'profile.addAddress': 'Add an address',
  'profile.editAddress': 'Edit the address',
  'profile.edit': 'Edit',
  'profile.delete': 'Delete',
  'profile.makeDefault': 'Make default',
  'profile.default': 'Default',
  'profile.useAsDefault': 'Use this address by default at checkout',
  'profile.saveAddress': 'Save the address',
  'profile.addressSaved': 'The address is saved.',
  'profile.addressDeleted': 'The address is deleted.',
  'profile.defaultChanged': 'The default address is changed.',
  'profile.tooManyAddresses':
    'You can save up to {max} addresses. Please delete one you no longer use first.',
  'profile.backToAddresses': 'Back to the address book',
  'profile.cancelTitle': 'Cancel membership',
  'profile.cancelIntro':
    'When you cancel, we erase your name, saved addresses, cart and sign-in details and sign you out everywhere. The records of your past orders stay, as the law requires; you can still open them with "Find your order" (order number and email address). Your member ID and email address become free, so you can register again later.',
  'profile.cancelOpenOrders':
    'You cannot cancel your membership while an order is still open. Please wait until these orders are delivered or cancelled: {numbers}.',
  'profile.cancelFinal': 'This cannot be undone.',
  'profile.cancelConfirm': 'Enter your password to confirm',
  'profile.cancelButton': 'Cancel my membership',
  'profile.goodbyeTitle': 'Your membership is cancelled',
  'profile.goodbyeText':
    'Thank you for shopping with us. We sent a final confirmation to your email address.',
  'profile.goodbyeOrders':
    'To check a past order, use the order number and the email address you ordered with:',
  'profile.goodbyeAgain': 'You are welcome back any time.',
  'profile.checkoutSaved': 'Saved addresses',
  'profile.checkoutUse': 'Use this address',
  'profile.checkoutManage': 'Manage addresses',
  'mail.topic.password_changed': 'Password changed',
  'mail.topic.membership_cancelled': 'Membership cancelled',
  // Newsletter: MyPage setting and the unsubscribe pages.
  'newsletter.title': 'Newsletter',
  'newsletter.intro':
    'Our newsletter brings news about new releases, pre-orders and events. We send it only to members who ask for it, and every issue has a link to stop it with one click.',
  'newsletter.optIn': 'Send me the newsletter',
  'newsletter.sentTo': 'It goes to {email}, in the language of your account.',
  'newsletter.save': 'Save',
  'newsletter.subscribed': 'Done: you will receive the newsletter.',
  'newsletter.unsubscribed': 'Done: you will no longer receive the newsletter.',
  'newsletter.unverified':
    'Your email address is not confirmed yet. We send the newsletter only to confirmed addresses.',
  'newsletter.settingsLink': 'Newsletter settings',
  'newsletter.unsubscribeTitle': 'Unsubscribe from the newsletter',
  'newsletter.unsubscribeConfirm':
    'Press the button to stop the newsletter to your address. Mail about your orders and your account keeps coming.',
  'newsletter.unsubscribeButton': 'Unsubscribe',
  'newsletter.unsubscribedTitle': 'You are unsubscribed',
  'newsletter.unsubscribedText':
    'We will not send you the newsletter any more. Mail about your orders and your account still arrives. To subscribe again, sign in and open MyPage > Newsletter settings.',
  'newsletter.badLinkTitle': 'This unsubscribe link does not work',
  'newsletter.badLink':
    'The link may have been cut off when it was copied. Open it again from the newsletter, or sign in and change the setting on MyPage > Newsletter settings.',
  'mail.topic.newsletter': 'Newsletter',
  // Account flows: registration code, password reset, email change, member ID check.
  'acct.limitedAt': 'Too many attempts. Please try again at {time}.',
  'acct.signIn.forgot': 'Forgot your password?',
  'acct.signIn.lookup': 'Check the member ID registered for your email address',
  'acct.verify.title': 'Confirm your email address',
  'acct.verify.sent':
    'We sent a 6-digit code to {email}. Enter it here to finish registering; it works for 10 minutes.',
  'acct.verify.needed':
    'Your email address is not confirmed yet, so you cannot sign in. Enter the 6-digit code we sent to {email}, or send a new one.',
  'acct.verify.resent': 'We sent a new code to {email}. Only the newest code works.',
  'acct.verify.confirm': 'Confirm and sign in',
  'acct.verify.resendLimited':
    'You asked for several codes in the last hour. You can ask again at {time}.',
  'acct.verify.wrongAddress':
    'Is {email} not your address? Register again with the right one; this registration is released after 24 hours.',
  'acct.forgot.title': 'Forgot your password?',
  'acct.forgot.intro':
    'Enter your member ID or the email address of your account. We mail a code and a link for a new password to the account’s address.',
  'acct.forgot.send': 'Send',
  'acct.forgot.sent':
    'If “{login}” belongs to a member, we sent a code and a link to that member’s email address. They work for 30 minutes. If you entered an email address that no member uses, we sent a note about that instead.',
  'acct.forgot.lookup': 'Not sure which member ID or address you registered with?',
  'acct.reset.title': 'Set a new password',
  'acct.reset.codeHelp':
    'Enter the 6-digit code from the mail and choose a new password. You can also open the link in the mail instead.',
  'acct.reset.linkHelp': 'Choose a new password for member ID {code}.',
  'acct.reset.newPassword': 'New password',
  'acct.reset.submit': 'Set the new password',
  'acct.reset.wrong':
    'That code is not right or is no longer valid. A code works for 30 minutes and for 5 tries; you can ask for a new one.',
  'acct.reset.linkInvalid':
    'This link does not work any more: it was already used, a newer one was sent, or it is older than 30 minutes. Please ask for a new one.',
  'acct.reset.askAgain': 'Ask for a new code',
  'acct.reset.doneTitle': 'Your password was changed',
  'acct.reset.doneText':
    'You are signed in with the new password. Everywhere else you were signed in has been signed out, and we sent a notice to your email address.',
  'acct.toMyPage': 'Go to MyPage',
  'acct.email.title': 'Change your email address',
  'acct.email.current': 'Your account’s email address is {email}.',
  'acct.email.help':
    'We send a 6-digit code to the new address. The change happens when you enter it here; then we tell your current address about it.',
  'acct.email.new': 'New email address',
  'acct.email.password': 'Current password',
  'acct.email.passwordHelp': 'So we know it is you.',
  'acct.email.send': 'Send a code to the new address',
  'acct.email.wrongPassword': 'The password is not correct.',
  'acct.email.same': 'This is already your account’s email address.',
  'acct.email.suppressed':
    'We cannot send to this address because earlier mail to it failed. Please choose another one.',
  'acct.email.codeTitle': 'Enter the code',
  'acct.email.codeSent': 'We sent a 6-digit code to {email}. It works until {time}.',
  'acct.email.noPending': 'There is no change waiting for a code. Enter the new address first.',
  'acct.email.confirm': 'Change my email address',
  'acct.email.startOver': 'Use a different address',
  'acct.email.taken':
    'This address is already registered to another member ID, and an address can belong to only one. “Check the member ID registered for your email address” tells you which.',
  'acct.email.done':
    'Your account’s email address is now {email}. We sent a notice about the change to your previous address.',
  'acct.email.ordersTitle': 'Orders you already placed keep their contact email',
  'acct.email.ordersKeep':
    'Changing your account’s address does not move the mail of orders you already placed: each order keeps the contact email it was placed with. To send an order’s mails to another address, open the order and use “Send this order’s mails to another address”, or ask us through the inquiry form.',
  'acct.email.orderMailTo': 'Mail goes to {email}',
  'acct.email.orderChange': 'Send this order’s mails to another address',
  'acct.email.inquiry': 'Ask us through the inquiry form',
  'acct.lookup.title': 'Check the member ID registered for your email address',
  'acct.lookup.intro':
    'Enter the member ID you think you have and an email address. We mail that address: a code if a member ID is registered for it, or a note that none is. With the code, this page shows the member ID and whether it is the one you entered.',
  'acct.lookup.memberCode': 'Member ID you think you have',
  'acct.lookup.email': 'Email address',
  'acct.lookup.send': 'Send',
  'acct.lookup.sent':
    'We sent a mail to {email}. If it contains a code, enter it below; it works for 10 minutes.',
  'acct.lookup.show': 'Show the member ID',
  'acct.lookup.wrong':
    'That code is not right or is no longer valid. A code works for 10 minutes and for 5 tries; you can ask for a new one.',
  'acct.lookup.again': 'Ask for a new code',
  'acct.lookup.resultTitle': 'The member ID for {email}',
  'acct.lookup.result': 'The member ID registered for {email} is',
  'acct.lookup.matches': 'This is the member ID you entered ({typed}).',
  'acct.lookup.differs': 'This is not the member ID you entered ({typed}).',
  'acct.lookup.none': 'No member ID is registered for {email} any more.',
  'acct.lookup.forgot': 'Forgot the password for it?',
  'mail.topic.registration_code': 'Registration code',
  'mail.topic.registration_attempt': 'Registration attempt with your address',
  'mail.topic.email_change_code': 'Code for a new email address',
  'mail.topic.email_changed': 'Email address changed',
  'mail.topic.password_reset': 'Password reset',
  'mail.topic.member_lookup': 'Member ID check',
};

// Domains with many words keep them beside their code (guide/, support/).
const en = {
  ...coreEn,
  ...guideEn,
  ...caseEn,
  ...giftEn,
  ...supportEn,
  ...orderAddressEn,
  ...fixPaymentEn,
};

export type MessageKey = keyof typeof en;

const coreJa: Record<keyof typeof coreEn, string> = {
  'site.tagline': '日本のアニメ・音楽グッズを世界へお届け',
  'nav.home': 'ホーム',
  'nav.cart': 'カート',
  'nav.mypage': 'マイページ',
  'nav.signIn': 'ログイン',
  'nav.signOut': 'ログアウト',
  'nav.register': '会員登録',
  'nav.search': '検索',
  'nav.searchPlaceholder': '商品名・説明から探す',
  'nav.language': 'English',
  'nav.skip': '本文へ移動',
  'footer.prices': '価格はすべて日本円・消費税10%込みです。',
  'home.title': '新着・人気商品',
  'home.categories': 'カテゴリー',
  'home.preorders': '予約受付中',
  'catalog.results': '{count}件',
  'catalog.noResults': '「{q}」に一致する商品はありません。短い言葉や別の表記でお試しください。',
  'catalog.searchTitle': '「{q}」の検索結果',
  'product.taxIncluded': '税込',
  'product.inStock': '在庫あり',
  'product.lowStock': '残り{count}点',
  'product.soldOut': '売り切れ',
  'product.ended': '販売終了',
  'product.preorder': '予約商品',
  'product.preorderWindow': '予約締切 {date}',
  'product.preorderNotOpen': '予約開始 {date}',
  'product.release': '発売予定：{month}',
  'product.region': 'リージョンコード：{code}',
  'product.regionFree': 'リージョンフリー',
  'product.domesticOnly': '国内配送限定',
  'product.domesticOnlyHelp':
    'この商品は日本国内の住所にのみお届けします。海外のお客様は転送サービスをご利用ください。',
  'product.memberOnly': 'ファンクラブ会員限定',
  'product.memberOnlyHelp': '会員としてログインするとご購入いただけます。',
  'product.digital': 'デジタル商品',
  'product.limit': 'お一人様{count}点まで',
  'product.quantity': '数量',
  'product.addToCart': 'カートに入れる',
  'product.details': '商品詳細',
  'product.weight': '配送重量：{grams} g',
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
  'error.cartChanged': 'お手続き中にカートの内容が変わりました。もう一度ご確認ください。',
  'error.keyReused':
    'このご注文手続きの画面は別のご注文ですでに使われています。カートをご確認のうえ、もう一度ご注文ください。',
  'error.generic': '申し訳ありません。システムで問題が起きました。しばらくしてからお試しください。',
  'error.notFound': 'ページが見つかりませんでした。',
  'error.csrf': 'フォームの有効期限が切れました。ページを再読み込みしてもう一度お試しください。',
  'error.tooLarge': '送信された内容が大きすぎます。',
  'error.requestId': 'お問い合わせの際は、リクエストID {id} をお知らせください。',
  'error.fixBelow': '下記の項目をご確認ください。',
  'error.tooMany': '試行回数が多すぎます。{minutes}分ほど待ってから、もう一度お試しください。',
  'v.required': '必須項目です。',
  'v.tooLong': '長すぎます。',
  'v.email': 'メールアドレスを taro@example.com のような形式で入力してください。',
  'v.country': 'お届け先の国・地域を選んでください。',
  'v.postal': '選択した国・地域の郵便番号の形式ではありません。',
  'v.phone': '電話番号は数字・空白・+・( )・- で入力してください。',
  'v.cardNumber': 'カード番号を数字で入力してください。',
  'v.expiry': '有効期限を MM/YY の形式で入力してください。',
  'v.cvc': '3桁または4桁のセキュリティコードを入力してください。',
  'v.method': '配送方法を選んでください。',
  'v.memberCode': '英数字と「-」「_」で4〜20文字にしてください。',
  'v.passwordShort': '10文字以上にしてください。',
  'v.passwordLong': '200文字以内にしてください。',
  'v.login': '会員IDまたはメールアドレスを入力してください。',
  'v.password': 'パスワードを入力してください。',
  'error.methodUnavailable':
    '選択した配送方法はこの国・地域へはお届けできません。別の方法をお選びください。',
  'error.tooHeavy': 'このご注文は重すぎて1つの荷物で発送できません。複数のご注文に分けてください。',
  'error.unknownCountry': 'この国・地域へはお届けしていません。',
  'checkout.title': 'ご購入手続き',
  'checkout.contact': '連絡先メールアドレス',
  'checkout.contactHelp':
    'ご注文に関するメールはこのアドレスに届きます。後で会員情報のメールアドレスを変更しても、このご注文の連絡先は変わりません。',
  'checkout.memberEmail': 'このご注文に関するメールは {email} にお送りします。',
  'checkout.shipping': 'お届け先',
  'checkout.name': 'お名前',
  'checkout.line1': '住所1',
  'checkout.line2': '住所2（任意）',
  'checkout.city': '市区町村',
  'checkout.region': '都道府県・州',
  'checkout.postal': '郵便番号',
  'checkout.postalExample': '例：{example}',
  'checkout.country': '国・地域',
  'checkout.phone': '電話番号',
  'checkout.method': '配送方法',
  'checkout.methodDays': '{min}〜{max}営業日',
  'checkout.payment': 'お支払い',
  'checkout.cardNumber': 'カード番号',
  'checkout.cardHolder': 'カード名義',
  'checkout.cardExpiry': '有効期限（MM/YY）',
  'checkout.cardCvc': 'セキュリティコード',
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
  'decline.card_declined': 'カード会社により承認されませんでした',
  'decline.insufficient_funds': 'ご利用可能額が不足しています',
  'decline.invalid_card': 'ご利用いただけるカードの番号ではありません',
  'decline.expired_card': 'カードの有効期限が切れています',
  'account.signInTitle': 'ログイン',
  'account.login': '会員IDまたはメールアドレス',
  'account.password': 'パスワード',
  'account.signInFailed': '会員ID・メールアドレスまたはパスワードが正しくありません。',
  'account.registerTitle': '会員登録',
  'account.memberCode': '会員ID',
  'account.memberCodeHelp': '英数字と「-」「_」で4〜20文字。ログインに使います。',
  'account.email': 'メールアドレス',
  'account.name': 'お名前',
  'account.passwordHelp': '10文字以上。',
  'account.language': 'メールの言語',
  'account.create': '登録する',
  'account.taken': 'この会員IDはすでに使われています。別の会員IDをお選びください。',
  'account.noAccount': '初めてのお客様',
  'mypage.title': 'マイページ',
  'mypage.welcome': '{name} 様',
  'mypage.memberCode': '会員ID：{code}',
  'mypage.orders': 'ご注文履歴',
  'mypage.noOrders': 'ご注文はまだありません。',
  'mypage.policyNotice':
    'ご登録のメールアドレス {email} は当店の現在のアドレス基準を満たしていないため、メールが届かない可能性があります。変更をお願いします：',
  'mypage.settings': '会員設定',
  'mypage.linkProfile': '会員情報',
  'mypage.linkPassword': 'パスワードの変更',
  'mypage.linkAddresses': 'お届け先住所録',
  'mypage.linkCancel': '退会する',
  'order.title': 'ご注文 {number}',
  'order.placedAt': 'ご注文日時 {date}',
  'order.status': '配送状況',
  'order.items': 'ご注文商品',
  'order.shipTo': 'お届け先',
  'order.contactEmail': '連絡先メールアドレス',
  'order.payment': 'お支払い',
  'order.cancel': 'この注文をキャンセルする',
  'order.cancelConfirm': 'ご注文全体をキャンセルしますか？カードの与信は解除されます。',
  'order.cancelled': 'ご注文をキャンセルしました。',
  'order.cannotCancel': 'このご注文はこちらからはキャンセルできません。お問い合わせください。',
  'order.track': '荷物を追跡する',
  'order.tracking': '{carrier} 追跡番号 {number}',
  'order.preorderLine': '予約商品・{month}発売予定',
  'state.placed': 'ご注文受付',
  'state.payment_authorised': 'お支払い承認済み',
  'state.preparing': '発送準備中',
  'state.shipped': '発送済み',
  'state.delivered': 'お届け済み',
  'state.cancelled': 'キャンセル済み',
  // Mail recovery: delivery states, the order's mail, contact change, finding an order, MyPage.
  'delivery.waiting': '送信待ちです',
  'delivery.sent': 'お客様のメールサーバーが {time} に受け取りました',
  'delivery.sentNoTime': 'お客様のメールサーバーが受け取りました',
  'delivery.deferred': 'お客様のメールサーバーが現在受け付けていません。{time} に再送します',
  'delivery.bounced': 'お客様のメールサーバーが受け取りを拒否しました：{reason}',
  'delivery.complained': 'お客様またはご利用のメールサービスにより迷惑メールとして報告されました',
  'delivery.suppressed': '未送信：以前お届けできなかったため、このアドレスへの送信を停止しています',
  'delivery.suppressedComplaint':
    '未送信：以前このアドレスで迷惑メールとして報告されたため、送信を停止しています',
  'delivery.suppressedManual': '未送信：サポート担当がこのアドレスへの送信を停止しています',
  'delivery.failed': 'お届けできませんでした',
  'delivery.failedRetries':
    'お届けできませんでした：何度お送りしてもメールサーバーが受け付けませんでした',
  'bounce.noSuchAddress': 'このアドレスは存在しません',
  'bounce.mailboxFull': 'メールボックスが満杯です',
  'bounce.spam': '迷惑メールの疑いでブロックされました',
  'bounce.other': 'このアドレスでは受け取れませんでした',
  'suppression.hard_bounce': 'メールサーバーに受け取りを拒否されました（{reason}）',
  'suppression.soft_bounces': 'メールサーバーに何度も続けて受け取りを拒否されました',
  'suppression.complaint': '当店のメールが迷惑メールとして報告されました',
  'suppression.manual': 'サポート担当が送信を停止しました',
  'mail.topic.order_placed': 'ご注文確認',
  'mail.topic.order_cancelled': 'キャンセルのお知らせ',
  'mail.topic.order_shipped': '発送のお知らせ',
  'mail.topic.payment_failed': 'カード決済ができませんでした（カード変更のお願い）',
  'mail.topic.order_address_changed': 'お届け先変更のお知らせ',
  'mail.topic.order_contact_moved': 'ご注文メールの送り先変更のお知らせ',
  'mail.topic.important_notice': '重要なお知らせ',
  'mail.topic.verification_code': '確認コード',
  'mail.topic.inquiry_receipt': 'お問い合わせ受付',
  'mail.topic.inquiry_reply': 'お問い合わせへの回答',
  'mail.topic.inquiry_contact_notice': '連絡先メールアドレス変更のお知らせ',
  'mail.topic.other': 'メール',
  'mail.purpose.order_email_change': 'メール送信先の変更用',
  'mail.purpose.order_lookup': 'ご注文の確認用',
  'mail.sentAgain': '再送',
  'mail.to': '宛先：{email}',
  'orderMail.title': 'このご注文に関するメール',
  'orderMail.none': 'このご注文に関するメールはまだお送りしていません。',
  'orderMail.resend': '再送する',
  'orderMail.resendTo': '{email} に再送する',
  'orderMail.resent': '{email} にもう一度お送りしました。数分以内に届きます。',
  'orderMail.resendLimited':
    'このご注文のメールは直近1時間に何度も再送されています。{time} 以降に再送できます。',
  'orderMail.blocked':
    '以前のメールがお届けできなかった、または迷惑メールとして報告されたため、{email} への送信を停止しています。下のフォームから別のアドレスに送ってください。',
  'contactChange.title': 'このご注文のメールを別のアドレスに送る',
  'contactChange.help':
    '新しいアドレスに6桁の確認コードをお送りします。ここで入力すると、このご注文に関するメールはそのアドレスに届くようになり、ご注文確認メールもあらためてお送りします。',
  'contactChange.onlyThisOrder':
    'この操作で変わるのは、このご注文の連絡先メールアドレスだけです。会員情報のメールアドレス（{email}）は変わりません。',
  'contactChange.onlyThisOrderGuest':
    'この操作で変わるのは、このご注文の連絡先メールアドレスだけです。',
  'contactChange.current': 'このご注文に関するメールは現在 {email} にお送りしています。',
  'contactChange.newEmail': '新しいメールアドレス',
  'contactChange.send': 'コードを送る',
  'contactChange.same': 'すでにこのご注文の連絡先メールアドレスです。',
  'contactChange.suppressed':
    '以前メールをお届けできなかったため、このアドレスには送信できません。別のアドレスを入力してください。',
  'contactChange.limited':
    'このご注文では確認コードの送信が多すぎます。{time} 以降にもう一度お試しください。',
  'contactChange.codeTitle': '確認コードの入力',
  'contactChange.codeSent': '{email} に6桁の確認コードをお送りしました。{time} まで有効です。',
  'contactChange.done':
    '今後このご注文に関するメールは {email} にお送りします。ご注文確認メールもあらためてお送りしました。',
  'contactChange.back': 'ご注文に戻る',
  'code.label': '6桁の確認コード',
  'code.confirm': '確認する',
  'code.wrong': 'コードが正しくありません。あと{count}回入力できます。',
  'code.expired': '確認コードの有効期限が切れました。新しいコードを送ってください。',
  'code.tooMany': '間違ったコードが続けて入力されました。新しいコードを送ってください。',
  'code.none': '有効な確認コードがありません。新しいコードを送ってください。',
  'code.sendAgain': '新しいコードを送る',
  'code.notArrived':
    'メールが届かない場合は迷惑メールフォルダをご確認いただくか、新しいコードを送ってください。新しいコードを送ると、前のコードは使えなくなります。',
  'v.code': 'メールに記載された6桁の数字を入力してください。',
  'v.orderNumber': 'ご注文番号を入力してください（例：TP-261126-ABC123）。',
  'findOrder.title': 'ご注文の確認',
  'orderLink.goneTitle': 'このご注文のリンクは使えなくなりました',
  'orderLink.replaced':
    'ご注文のメールの送り先が別のメールアドレスに変更されたため、変更前にお送りしたリンクは使えなくなりました。新しいアドレスに新しいリンクをお送りしています。',
  'orderLink.expired':
    'ご注文のリンクは、ご注文の最後の更新（お届けなど）から {days} 日で使えなくなります。',
  'orderLink.howToFind':
    'ご注文をもう一度ご覧になるには、注文番号と、ご注文のメールを受け取るメールアドレスを入力してください。そのアドレスに確認コードをお送りし、コードでご注文を開けます。',
  'findOrder.intro':
    '会員登録せずにご注文されたお客様は、ご注文番号とご注文時のメールアドレスを入力してください。そのアドレスに確認コードをお送りします。',
  'findOrder.number': 'ご注文番号',
  'findOrder.numberHelp': '「TP-」で始まる番号で、ご注文確認メールに記載されています。',
  'findOrder.email': 'ご注文時のメールアドレス',
  'findOrder.send': 'コードを送る',
  'findOrder.sent':
    'ご注文番号とメールアドレスが一致した場合は、そのアドレスに確認コードをお送りしました。有効期限は10分です。',
  'findOrder.wrongCode':
    'コードが正しくないか、有効期限が切れています。コードは10分間・5回まで有効です。新しいコードを受け取ることもできます。',
  'findOrder.open': 'ご注文を表示する',
  'findOrder.newCode': '新しいコードを受け取る',
  'findOrder.members': '会員の方はログインすると、マイページですべてのご注文をご確認いただけます。',
  'findOrder.limited': '試行回数が多すぎます。{time} 以降にもう一度お試しください。',
  'account.guestOrder': '会員登録せずにご注文されたお客様',
  'mypage.mailProblemTitle': '{email} にメールが届いていません',
  'mypage.mailSuppressed': '{date} から、このアドレスへのメール送信を停止しています：{why}。',
  'mypage.mailBouncing':
    '{date} から、このアドレス宛のメールが届いていません。直近のメール：{why}。',
  'mypage.mailProblemHelp':
    '解決するまで、ご注文確認・発送のお知らせ・確認コードなどのメールをお届けできません。',
  'mypage.changeEmail': 'メールアドレスを変更する',
  'mypage.askHelp': 'サポートに問い合わせる',
  'mypage.orderMailHint':
    'ご注文ごとに、ご注文の画面からメールを別のアドレスに送ることもできます。',
  'mypage.recentMail': '最近お送りしたメール',
  'mypage.noMail': 'まだメールをお送りしていません。',
  'policy.syntax.control':
    'メールアドレスに見えない制御文字が含まれています。もう一度入力してください。',
  'policy.syntax.space': 'メールアドレスからスペースを削除してください。',
  'policy.syntax.backslash': 'メールアドレスからバックスラッシュ（\\）を削除してください。',
  'policy.syntax.quoted': 'メールアドレスから引用符（"）を削除してください。',
  'policy.syntax.comment': 'メールアドレスから括弧（ ）を削除してください。',
  'policy.syntax.literal':
    '@ の後には [ ] で囲んだアドレスではなく、example.com のようなドメイン名を入力してください。',
  'policy.syntax.at':
    'メールアドレスには、名前とドメインの間に半角の「@」がちょうど1つ必要です（例：taro@example.com）。',
  'policy.syntax.empty':
    '@ の前または後が空です。taro@example.com のように、アドレス全体を入力してください。',
  'policy.symbol':
    '@ より前に「.」「-」「_」以外の記号を含むメールアドレスには、当店のメールが届かないことがよくあります。削除してください：{chars}',
  'policy.dot_position':
    '@ より前の部分は、ドット（.）で始めたり終えたりできません。そのドットを削除してください。',
  'policy.consecutive_dots':
    '@ より前の部分に、ドットを2つ続けて（..）使うことはできません。1つ削除してください。',
  'policy.too_long':
    'このメールアドレスは {length} 文字です。64文字以内のアドレスをお使いください。',
  'policy.domain_syntax':
    '@ より後の部分（「{domain}」）がドメイン名になっていません。example.com のような形になっているか、入力ミスがないかご確認ください。',
  'policy.domain_not_found':
    'ドメイン「{domain}」はメールを受け取れません。@ より後の部分に入力ミスがないかご確認ください。',
  'policy.suggestion': '{address} ではありませんか？',
  'policy.warnAgain': 'このアドレスで間違いなければ、もう一度送信するとそのまま使えます。',
  'policy.warnLive': 'このアドレスで間違いなければ、そのままお使いいただけます。',
  'policy.checking': 'アドレスを確認しています…',
  'policy.looksFine': 'このアドレスで問題ありません。',
  // Member information (profile, password, address book, cancelling membership).
  'profile.nav.title': '会員情報',
  'profile.nav.profile': 'お名前・言語',
  'profile.nav.email': 'メールアドレス',
  'profile.nav.password': 'パスワード',
  'profile.nav.addresses': 'アドレス帳',
  'profile.nav.cancel': '退会',
  'profile.title': 'お名前・言語',
  'profile.memberCode': '会員ID',
  'profile.memberCodeFixed': '（変更できません）',
  'profile.email': 'メールアドレス',
  'profile.changeEmail': '変更する',
  'profile.name': 'お名前',
  'profile.language': '言語',
  'profile.languageHelp': '当店からのメールをこの言語でお送りします。',
  'profile.save': '保存する',
  'profile.saved': '変更を保存しました。',
  'profile.unchanged': '変更はありませんでした。',
  'profile.v.locale': '英語または日本語を選んでください。',
  'profile.passwordTitle': 'パスワードの変更',
  'profile.passwordIntro':
    '変更後も、この画面ではログインしたままです。ほかの端末やブラウザでのログインは終了します。{email} にお知らせをお送りします。',
  'profile.currentPassword': '現在のパスワード',
  'profile.newPassword': '新しいパスワード',
  'profile.newPasswordHelp': '10文字以上',
  'profile.changePassword': 'パスワードを変更する',
  'profile.wrongPassword': 'パスワードが正しくありません。',
  'profile.samePassword': '現在とは異なるパスワードを指定してください。',
  'profile.passwordChanged':
    'パスワードを変更しました。ほかの端末やブラウザでのログインは終了し、{email} にお知らせをお送りしました。',
  'profile.addressesTitle': 'アドレス帳',
  'profile.addressesIntro':
    '登録した住所はご注文手続きで選べます。「いつもの住所」が最初から入力されます。',
  'profile.noAddresses': '登録されている住所はまだありません。',
  'profile.addAddress': '住所を追加する',
  'profile.editAddress': '住所を編集する',
  'profile.edit': '編集',
  'profile.delete': '削除',
  'profile.makeDefault': 'いつもの住所にする',
  'profile.default': 'いつもの住所',
  'profile.useAsDefault': 'ご注文手続きでこの住所を最初に使う',
  'profile.saveAddress': '住所を保存する',
  'profile.addressSaved': '住所を保存しました。',
  'profile.addressDeleted': '住所を削除しました。',
  'profile.defaultChanged': 'いつもの住所を変更しました。',
  'profile.tooManyAddresses':
    '住所は{max}件まで登録できます。使わなくなった住所を先に削除してください。',
  'profile.backToAddresses': 'アドレス帳に戻る',
  'profile.cancelTitle': '退会',
  'profile.cancelIntro':
    '退会すると、お名前・登録住所・カート・ログイン情報を削除し、すべての端末でログアウトします。過去のご注文の記録は法令により保管されます。「ご注文の確認」（ご注文番号とメールアドレス）から引き続きご確認いただけます。会員IDとメールアドレスは解放されるため、あとで再登録することもできます。',
  'profile.cancelOpenOrders':
    'お手続き中のご注文があるため、退会できません。次のご注文のお届け完了またはキャンセル後に、もう一度お試しください：{numbers}。',
  'profile.cancelFinal': 'この操作は取り消せません。',
  'profile.cancelConfirm': '確認のためパスワードを入力してください',
  'profile.cancelButton': '退会する',
  'profile.goodbyeTitle': '退会手続きが完了しました',
  'profile.goodbyeText':
    'これまでのご利用、誠にありがとうございました。ご登録のメールアドレスに最終のお知らせをお送りしました。',
  'profile.goodbyeOrders':
    '過去のご注文は、ご注文番号とご注文時のメールアドレスでご確認いただけます：',
  'profile.goodbyeAgain': 'またのご利用を心よりお待ちしております。',
  'profile.checkoutSaved': '登録済みの住所',
  'profile.checkoutUse': 'この住所を使う',
  'profile.checkoutManage': 'アドレス帳を管理する',
  'mail.topic.password_changed': 'パスワード変更のお知らせ',
  'mail.topic.membership_cancelled': '退会のお知らせ',
  // Newsletter: MyPage setting and the unsubscribe pages.
  'newsletter.title': 'メールマガジン',
  'newsletter.intro':
    '新商品・予約・イベントの情報をメールマガジンでお届けします。配信をご希望の会員様にのみお送りし、毎号のリンクからワンクリックで配信を停止できます。',
  'newsletter.optIn': 'メールマガジンを受け取る',
  'newsletter.sentTo': '{email} 宛に、アカウントの言語でお送りします。',
  'newsletter.save': '保存する',
  'newsletter.subscribed': 'メールマガジンの配信を登録しました。',
  'newsletter.unsubscribed': 'メールマガジンの配信を停止しました。',
  'newsletter.unverified':
    'メールアドレスの確認がまだ完了していません。メールマガジンは確認済みのアドレスにのみお送りします。',
  'newsletter.settingsLink': 'メールマガジンの設定',
  'newsletter.unsubscribeTitle': 'メールマガジンの配信停止',
  'newsletter.unsubscribeConfirm':
    'ボタンを押すと、お客様のアドレスへのメールマガジンの配信を停止します。ご注文やアカウントに関するメールは引き続きお送りします。',
  'newsletter.unsubscribeButton': '配信を停止する',
  'newsletter.unsubscribedTitle': 'メールマガジンの配信を停止しました',
  'newsletter.unsubscribedText':
    '今後、メールマガジンはお送りしません。ご注文やアカウントに関するメールは引き続きお届けします。再度ご希望の場合は、ログインして「マイページ」>「メールマガジンの設定」から登録してください。',
  'newsletter.badLinkTitle': 'この配信停止リンクは無効です',
  'newsletter.badLink':
    'コピーの際にリンクが途中で切れた可能性があります。メールマガジンのリンクをもう一度開くか、ログインして「マイページ」>「メールマガジンの設定」から変更してください。',
  'mail.topic.newsletter': 'メールマガジン',
  // Account flows: registration code, password reset, email change, member ID check.
  'acct.limitedAt': '試行回数が多すぎます。{time}以降にもう一度お試しください。',
  'acct.signIn.forgot': 'パスワードをお忘れの方',
  'acct.signIn.lookup': 'メールアドレスに登録されている会員IDの確認',
  'acct.verify.title': 'メールアドレスの確認',
  'acct.verify.sent':
    '{email} に6桁の確認コードをお送りしました。ここに入力すると会員登録が完了します（有効期限10分）。',
  'acct.verify.needed':
    'メールアドレスの確認がまだ完了していないため、ログインできません。{email} にお送りした6桁のコードを入力するか、新しいコードを送信してください。',
  'acct.verify.resent': '{email} に新しいコードをお送りしました。有効なのは最新のコードのみです。',
  'acct.verify.confirm': '確認してログイン',
  'acct.verify.resendLimited':
    '直近1時間に何度もコードが送信されています。{time}以降にもう一度お試しください。',
  'acct.verify.wrongAddress':
    '{email} がお客様のアドレスではない場合は、正しいアドレスで登録し直してください。この登録は24時間後に解除されます。',
  'acct.forgot.title': 'パスワードをお忘れの方',
  'acct.forgot.intro':
    '会員IDまたはご登録のメールアドレスを入力してください。新しいパスワードを設定するためのコードとリンクを、ご登録のメールアドレスにお送りします。',
  'acct.forgot.send': '送信する',
  'acct.forgot.sent':
    '「{login}」が会員のものであれば、その会員のメールアドレスにコードとリンクをお送りしました（有効期限30分）。会員が使用していないメールアドレスを入力された場合は、その旨をお知らせするメールをお送りしました。',
  'acct.forgot.lookup': '登録した会員IDやメールアドレスがわからない場合',
  'acct.reset.title': '新しいパスワードの設定',
  'acct.reset.codeHelp':
    'メールに記載された6桁のコードを入力し、新しいパスワードを設定してください。メール内のリンクを開いて設定することもできます。',
  'acct.reset.linkHelp': '会員ID {code} の新しいパスワードを設定してください。',
  'acct.reset.newPassword': '新しいパスワード',
  'acct.reset.submit': 'パスワードを設定する',
  'acct.reset.wrong':
    'コードが正しくないか、有効期限が切れています。コードは30分間・5回まで有効です。新しいコードを送信できます。',
  'acct.reset.linkInvalid':
    'このリンクは使用できません。すでに使用済みか、新しいリンクが送信されたか、30分の有効期限が切れています。もう一度お申し込みください。',
  'acct.reset.askAgain': '新しいコードを送信する',
  'acct.reset.doneTitle': 'パスワードを変更しました',
  'acct.reset.doneText':
    '新しいパスワードでログインしました。ほかの端末やブラウザでのログインはすべて終了し、ご登録のメールアドレスにお知らせをお送りしました。',
  'acct.toMyPage': 'マイページへ',
  'acct.email.title': 'メールアドレスの変更',
  'acct.email.current': '現在のアカウントのメールアドレスは {email} です。',
  'acct.email.help':
    '新しいメールアドレスに6桁のコードをお送りします。ここでコードを入力すると変更が完了し、現在のメールアドレスにもお知らせします。',
  'acct.email.new': '新しいメールアドレス',
  'acct.email.password': '現在のパスワード',
  'acct.email.passwordHelp': 'ご本人確認のため。',
  'acct.email.send': '新しいアドレスにコードを送る',
  'acct.email.wrongPassword': 'パスワードが正しくありません。',
  'acct.email.same': 'すでにアカウントに登録されているメールアドレスです。',
  'acct.email.suppressed':
    '以前このアドレスへのメールが届かなかったため、送信できません。別のアドレスを指定してください。',
  'acct.email.codeTitle': 'コードの入力',
  'acct.email.codeSent': '{email} に6桁のコードをお送りしました。{time}まで有効です。',
  'acct.email.noPending':
    'コードを待っている変更はありません。先に新しいアドレスを入力してください。',
  'acct.email.confirm': 'メールアドレスを変更する',
  'acct.email.startOver': '別のアドレスにする',
  'acct.email.taken':
    'このアドレスはすでに別の会員IDに登録されています。1つのアドレスに登録できる会員IDは1つだけです。「メールアドレスに登録されている会員IDの確認」でどの会員IDかを確認できます。',
  'acct.email.done':
    'アカウントのメールアドレスを {email} に変更しました。変更前のメールアドレスにもお知らせをお送りしました。',
  'acct.email.ordersTitle': 'これまでのご注文の連絡先メールアドレスは変わりません',
  'acct.email.ordersKeep':
    'アカウントのメールアドレスを変更しても、すでにご注文いただいた分のメールの送信先は変わりません。各ご注文は、ご注文時のメールアドレスを連絡先として保持します。ご注文のメールを別のアドレスに送るには、ご注文のページで「このご注文のメールを別のアドレスに送る」をご利用いただくか、お問い合わせフォームからご連絡ください。',
  'acct.email.orderMailTo': 'メール送信先：{email}',
  'acct.email.orderChange': 'このご注文のメールを別のアドレスに送る',
  'acct.email.inquiry': 'お問い合わせフォームで依頼する',
  'acct.lookup.title': 'メールアドレスに登録されている会員IDの確認',
  'acct.lookup.intro':
    'お心当たりの会員IDとメールアドレスを入力してください。そのアドレスにメールをお送りします。会員IDが登録されていれば確認コードを、登録されていなければその旨をお知らせします。コードを入力すると、この画面に会員IDと、入力された会員IDと一致するかを表示します。',
  'acct.lookup.memberCode': 'お心当たりの会員ID',
  'acct.lookup.email': 'メールアドレス',
  'acct.lookup.send': '送信する',
  'acct.lookup.sent':
    '{email} にメールをお送りしました。コードが記載されている場合は、下に入力してください（有効期限10分）。',
  'acct.lookup.show': '会員IDを表示する',
  'acct.lookup.wrong':
    'コードが正しくないか、有効期限が切れています。コードは10分間・5回まで有効です。新しいコードを送信できます。',
  'acct.lookup.again': '新しいコードを送信する',
  'acct.lookup.resultTitle': '{email} の会員ID',
  'acct.lookup.result': '{email} に登録されている会員ID',
  'acct.lookup.matches': '入力された会員ID（{typed}）と一致しています。',
  'acct.lookup.differs': '入力された会員ID（{typed}）とは異なります。',
  'acct.lookup.none': '{email} に登録されている会員IDは現在ありません。',
  'acct.lookup.forgot': 'パスワードをお忘れの場合',
  'mail.topic.registration_code': '会員登録の確認コード',
  'mail.topic.registration_attempt': 'ご登録済みアドレスでの会員登録のお申し込み',
  'mail.topic.email_change_code': '新しいメールアドレスの確認コード',
  'mail.topic.email_changed': 'メールアドレス変更のお知らせ',
  'mail.topic.password_reset': 'パスワードの再設定',
  'mail.topic.member_lookup': '会員IDの確認',
};

const ja: Record<MessageKey, string> = {
  ...coreJa,
  ...guideJa,
  ...caseJa,
  ...giftJa,
  ...supportJa,
  ...orderAddressJa,
  ...fixPaymentJa,
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, ja };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for one locale; `{name}` placeholders are filled from params. */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, params) => {
    const text = dict[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
  };
}

/** Whether a string is a dictionary key; zod schemas use keys as messages so forms can translate them. */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

/** The first supported language in an Accept-Language header, else English. */
export function localeFromHeader(header: string | undefined): Locale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return 'en';
}

/** A date as customers in that locale write it, in Japan time (where the shop operates). */
export function formatDate(date: Date, locale: Locale, withTime = false): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Asia/Tokyo',
  }).format(date);
}

/** '2027-03' as 'March 2027' / '2027年3月'. */
export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  if (locale === 'ja') return `${y}年${m}月`;
  return new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
