// Every domain owns its tables; this file only gathers them for Drizzle.

export { accountEvents } from '../accounts/account-events.ts';
export { registrationDecoys } from '../accounts/registration-decoys.ts';
export { signInFailures } from '../accounts/sign-in-throttle.ts';
export * from '../accounts/tables.ts';
export { verificationCodes } from '../accounts/verification-codes.ts';
export * from '../cart/tables.ts';
export * from '../catalog/tables.ts';
export * from '../checkout/tables.ts';
export * from '../guide/tables.ts';
export * from '../mail/tables.ts';
export * from '../orders/tables.ts';
export * from '../payments/paypal/sandbox-tables.ts';
export * from '../payments/paypal/webhook-tables.ts';
export * from '../payments/tables.ts';
export * from '../points/tables.ts';
export * from '../staff/tables.ts';
export * from '../support/tables.ts';
export { rateLimitCounters } from '../web/rate-limit.ts';
export { appSecrets } from './secrets.ts';
