/**
 * The protocol's limits that pages use at run time, in a module of their own: importing them from `protocol.ts`
 * would bring its Zod schemas into the page's bundle.
 */

/** Largest id list one request may carry (a huge listing page stays well below). */
export const MAX_IDS = 5000;
