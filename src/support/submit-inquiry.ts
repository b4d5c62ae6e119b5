import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { type Locale, translator } from '../web/i18n.ts';
import { answerAddress } from './answer-address.ts';
import type { Photo } from './inputs.ts';
import { nextInquiryNumber } from './next-inquiry-number.ts';
import { type InquiryCategory, inquiries, inquiryMessages, inquiryPhotos } from './tables.ts';

export interface NewInquiry {
  category: InquiryCategory;
  name: string;
  email: string;
  locale: Locale;
  message: string;
  memberId: string | null;
  orderId: string | null;
  newEmail: string | null;
  guideSlug: string | null;
  photos: Photo[];
  /** A line for staff about something the form could not link (a member ID typed by a guest). */
  staffNote?: string | null;
}

const EXCERPT_CHARS = 200;

/** The start of the message for the receipt mail, on one line, cut at a character boundary. */
export function excerptOf(message: string): string {
  const flat = [...message.replace(/\s+/g, ' ').trim()];
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS).join('')}…` : flat.join('');
}

/**
 * Records a customer's inquiry in one transaction: its number, the inquiry, the first message of
 * its thread, its photos and the receipt mail. Returns the inquiry number.
 */
export async function submitInquiry(
  deps: { db: Db; clock: Clock },
  input: NewInquiry,
): Promise<{ id: string; number: string }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const number = await nextInquiryNumber(tx, now);
    const [inquiry] = await tx
      .insert(inquiries)
      .values({
        number,
        category: input.category,
        name: input.name,
        email: input.email,
        locale: input.locale,
        memberId: input.memberId,
        orderId: input.orderId,
        newEmail: input.newEmail,
        guideSlug: input.guideSlug,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: inquiries.id });
    const inquiryId = inquiry!.id;
    await tx.insert(inquiryMessages).values({
      inquiryId,
      kind: 'customer',
      source: 'form',
      author: input.email,
      body: input.message,
      createdAt: now,
    });
    if (input.staffNote)
      await tx.insert(inquiryMessages).values({
        inquiryId,
        kind: 'event',
        source: 'form',
        author: input.email,
        body: input.staffNote,
        // After the customer's message, so the thread reads in order.
        createdAt: new Date(now.getTime() + 1),
      });
    if (input.photos.length > 0)
      await tx.insert(inquiryPhotos).values(
        input.photos.map((photo) => ({
          inquiryId,
          contentType: photo.contentType,
          sizeBytes: photo.data.length,
          data: photo.data,
          createdAt: now,
        })),
      );
    await enqueueMail(tx, {
      now,
      topic: 'inquiry_receipt',
      recipient: await answerAddress(tx, input),
      locale: input.locale,
      orderId: input.orderId,
      memberId: input.memberId,
      payload: {
        inquiryNumber: number,
        category: translator(input.locale)(`inquiry.category.${input.category}`),
        excerpt: excerptOf(input.message),
      },
    });
    return { id: inquiryId, number };
  });
}
