import { z } from 'zod';
import { requiredText } from '../web/admin-inputs.ts';

export const staffSignInInput = z.object({
  email: requiredText('your email', 254),
  password: z.string().min(1, 'Enter your password.').max(200),
});
