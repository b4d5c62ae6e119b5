import { coreTemplates, type MailTemplate } from './mail-content.ts';

/** Every mail the shop sends, by topic; each domain adds its own templates here. */
export const mailTemplates = {
  ...coreTemplates,
} satisfies Record<string, MailTemplate>;

export type MailTopic = keyof typeof mailTemplates;

export function isMailTopic(topic: string): topic is MailTopic {
  return Object.hasOwn(mailTemplates, topic);
}

/** Every topic, for filters and lists. */
export const mailTopics = Object.keys(mailTemplates) as MailTopic[];
