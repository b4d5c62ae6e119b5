import { accountTemplates } from './account-mails.ts';
import { coreTemplates, type MailTemplate } from './mail-content.ts';
import { newsletterTemplates } from './newsletter-mails.ts';
import { orderAddressTemplates } from './order-address-mails.ts';
import { paymentTemplates } from './payment-mails.ts';
import { profileTemplates } from './profile-mails.ts';
import { staffTemplates } from './staff-mails.ts';
import { supportTemplates } from './support-mails.ts';

/** Every mail the shop sends, by topic; each domain adds its own templates here. */
export const mailTemplates = {
  ...coreTemplates,
  ...accountTemplates,
  ...newsletterTemplates,
  ...paymentTemplates,
  ...orderAddressTemplates,
  ...profileTemplates,
  ...supportTemplates,
  ...staffTemplates,
} satisfies Record<string, MailTemplate>;

export type MailTopic = keyof typeof mailTemplates;

export function isMailTopic(topic: string): topic is MailTopic {
  return Object.hasOwn(mailTemplates, topic);
}

/** Every topic, for filters and lists. */
export const mailTopics = Object.keys(mailTemplates) as MailTopic[];
