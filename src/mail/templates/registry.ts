import type { MailTopic } from '../payloads.ts';
import { accountTemplates } from './account-mails.ts';
import { checkoutTemplates } from './checkout-mails.ts';
import {
  coreTemplates,
  type MailContent,
  type MailTemplates,
  type TemplateInput,
} from './mail-content.ts';
import { newsletterTemplates } from './newsletter-mails.ts';
import { orderAddressTemplates } from './order-address-mails.ts';
import { paymentTemplates } from './payment-mails.ts';
import { paypalTemplates } from './paypal-mails.ts';
import { profileTemplates } from './profile-mails.ts';
import { staffTemplates } from './staff-mails.ts';
import { supportTemplates } from './support-mails.ts';

/** Every mail the shop sends, by topic; each domain adds its own templates here. */
const mailTemplates: MailTemplates = {
  ...coreTemplates,
  ...accountTemplates,
  ...checkoutTemplates,
  ...newsletterTemplates,
  ...paymentTemplates,
  ...paypalTemplates,
  ...orderAddressTemplates,
  ...profileTemplates,
  ...supportTemplates,
  ...staffTemplates,
};

/** The content of a mail of `topic`, from its template. */
export function mailContent<T extends MailTopic>(topic: T, input: TemplateInput<T>): MailContent {
  const template: MailTemplates[T] = mailTemplates[topic];
  return template(input);
}
