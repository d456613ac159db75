/**
 * The length limit of a followed keyword or pattern, apart from the matcher (lib/follow/match.ts, which brings the
 * RE2JS engine) so a page can check it before sending: a value longer than the message protocol carries (500
 * characters) would otherwise be refused as an invalid request instead of with this sentence.
 */

/** Longest keyword or pattern accepted (characters, after trimming). */
export const MAX_FOLLOW_LENGTH = 200;

/** The refusal of a keyword or pattern longer than `MAX_FOLLOW_LENGTH`, as a sentence to show. */
export const FOLLOW_TOO_LONG = `At most ${MAX_FOLLOW_LENGTH} characters.`;
