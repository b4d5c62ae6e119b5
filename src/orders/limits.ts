/** How often a customer may ask for an order's mail again, per order and hour. */
export const RESENDS_PER_HOUR = 3;
/** How many codes to a new contact address an order may send per hour. */
export const CONTACT_CODES_PER_HOUR = 5;
