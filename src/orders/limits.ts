/** How often a customer may ask for an order's mail again, per order and hour. */
export const RESENDS_PER_HOUR = 3;
/** How many codes to a new contact address an order may send per hour. */
export const CONTACT_CODES_PER_HOUR = 5;
/** How often an order's delivery address may change per hour. */
export const ADDRESS_CHANGES_PER_HOUR = 5;
