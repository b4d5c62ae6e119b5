import { z } from 'zod';
import { password } from './inputs.ts';

export const profileInput = z.object({
  name: z.string().trim().max(100, 'v.tooLong').default(''),
  locale: z.enum(['en', 'ja'], 'profile.v.locale'),
});

export const passwordChangeInput = z.object({
  currentPassword: z.string().min(1, 'v.password').max(200, 'v.tooLong'),
  newPassword: password,
});

export const cancelMembershipInput = z.object({
  password: z.string().min(1, 'v.password').max(200, 'v.tooLong'),
});

/** The address form's fields, each '' when missing, ready for checkout's `addressInput`. */
export const addressFormFields = z.object({
  name: z.string().catch(''),
  line1: z.string().catch(''),
  line2: z.string().catch(''),
  city: z.string().catch(''),
  region: z.string().catch(''),
  postalCode: z.string().catch(''),
  country: z.string().catch(''),
  phone: z.string().catch(''),
});
