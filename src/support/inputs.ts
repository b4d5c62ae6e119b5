import { z } from 'zod';
import { memberCode } from '../accounts/inputs.ts';
import { orderNumber } from '../orders/inputs.ts';
import { inquiryLimits } from './limits.ts';
import { sniffImage } from './sniff-image.ts';
import { stripPhotoMetadata } from './strip-photo-metadata.ts';
import { inquiryCategories, type PhotoType } from './tables.ts';

/** Browsers send a textarea's line breaks as CRLF but count them as one character. */
export const normalizeLines = (text: string) => text.replace(/\r\n?/g, '\n');

/** Characters as the customer counts them: code points, so an emoji is one. */
export const charCount = (text: string) => [...text].length;

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A guide article slug as the guide links it ("Was your problem solved? No"). */
export const guideSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);

/**
 * The text fields of the inquiry form. The email addresses only have to be plain addresses here;
 * the route runs the whole address policy on them. Photos are checked by `checkPhotos`.
 */
export const inquiryInput = z
  .object({
    category: z.enum(inquiryCategories, 'inquiry.v.category'),
    name: z.string('inquiry.v.name').trim().min(1, 'inquiry.v.name').max(100, 'v.tooLong'),
    email: z.string('v.required').trim().min(1, 'v.required').max(254, 'v.tooLong'),
    memberCode: z.preprocess(blankToUndefined, memberCode.optional()),
    orderNumber: z.preprocess(blankToUndefined, orderNumber.optional()),
    newEmail: z.preprocess(blankToUndefined, z.string().trim().max(254, 'v.tooLong').optional()),
    message: z
      .string('inquiry.v.message')
      .transform(normalizeLines)
      .refine((text) => text.trim() !== '', 'inquiry.v.message')
      // The exact count goes into the message in the route; this key marks the field.
      .refine((text) => charCount(text) <= inquiryLimits.messageChars, 'inquiry.v.messageLong'),
    // An unknown or malformed slug is dropped, not an error: it only says where the visitor came from.
    topic: z.preprocess(blankToUndefined, guideSlug.optional().catch(undefined)),
  })
  .superRefine((form, ctx) => {
    if (form.category !== 'contact_email') return;
    if (!form.orderNumber)
      ctx.addIssue({ code: 'custom', path: ['orderNumber'], message: 'inquiry.v.orderRequired' });
    if (!form.newEmail)
      ctx.addIssue({ code: 'custom', path: ['newEmail'], message: 'inquiry.v.newEmailRequired' });
  });

export type InquiryInput = z.infer<typeof inquiryInput>;

/** What the GET form accepts in its query: a category and the guide article it came from. */
export const inquiryQuery = z.object({
  category: z.enum(inquiryCategories).optional().catch(undefined),
  topic: guideSlug.optional().catch(undefined),
});

export interface Photo {
  contentType: PhotoType;
  data: Buffer;
}

export type PhotoCheck =
  | { ok: true; photos: Photo[] }
  | {
      ok: false;
      problem: 'count' | 'size' | 'type';
      /** The file's name as the browser sent it, for the message only. */
      file: string;
    };

/**
 * The photo field as parsed (one value or many): empty file inputs are ignored; at most
 * `inquiryLimits.photos` files of at most `photoBytes` each, each an image by its first bytes
 * whose structure holds together; what is kept is the photo without its metadata.
 */
export async function checkPhotos(field: unknown): Promise<PhotoCheck> {
  const values = Array.isArray(field) ? field : field === undefined ? [] : [field];
  const files = values.filter((v): v is File => v instanceof File && v.size > 0);
  if (files.length > inquiryLimits.photos) return { ok: false, problem: 'count', file: '' };
  const photos: Photo[] = [];
  for (const file of files) {
    const name = file.name.slice(0, 100);
    if (file.size > inquiryLimits.photoBytes) return { ok: false, problem: 'size', file: name };
    const data = Buffer.from(await file.arrayBuffer());
    const contentType = sniffImage(data);
    // Location and camera data are removed before anything is kept; a file too broken to do
    // that is refused as not an image.
    const stripped = contentType ? stripPhotoMetadata(data, contentType) : null;
    if (!contentType || !stripped) return { ok: false, problem: 'type', file: name };
    photos.push({ contentType, data: stripped });
  }
  return { ok: true, photos };
}

/** Whether the customer attached anything, so a re-shown form can say the files were not kept. */
export function hasPhotos(field: unknown): boolean {
  const values = Array.isArray(field) ? field : [field];
  return values.some((v) => v instanceof File && v.size > 0);
}
