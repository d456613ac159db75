/**
 * The Zod schema of one Daily Papers entry as the API really returns it, across every era of schema drift seen in
 * the recorded responses (`shared/data/PROVENANCE.md`).
 *
 * Strict only where Paper Radar cannot work without a field (`paper.id`, `paper.title`); everything else is
 * optional, and an optional field of an unexpected type is dropped rather than failing the entry (`z.catch`).
 * Unknown fields are tolerated and dropped (Zod objects strip keys they do not declare).
 *
 * This checks shape only. Whether the values make sense (string lengths, list dates, counts) is checked by
 * `parseEntry` in `parse.ts`, against `FEED_LIMITS`, so a rejected entry carries a reason a person can read.
 */
import * as z from 'zod/mini';

/** An optional field that silently becomes `undefined` when present with another type. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

const nonEmpty = z.string().check(z.trim(), z.minLength(1));

/**
 * A count (upvotes, comments, stars) as sent: a number or a numeric string. Whether it makes sense (a finite,
 * non-negative integer under a cap) is checked by `parseEntry`, which can say why it does not.
 */
const count = lenient(z.union([z.number(), z.string()]));

export const AuthorSchema = z.object({
  name: lenient(z.string()),
  hidden: lenient(z.boolean()),
});

export const OrganizationSchema = z.object({
  name: lenient(z.string()),
  fullname: lenient(z.string()),
});

export const EntryPaperSchema = z.object({
  id: nonEmpty,
  title: nonEmpty,
  summary: lenient(z.string()),
  upvotes: count,
  publishedAt: lenient(z.string()),
  submittedOnDailyAt: lenient(z.string()),
  authors: z.catch(z.array(z.catch(AuthorSchema, {})), []),
  ai_summary: lenient(z.string()),
  ai_keywords: lenient(z.array(z.string())),
  githubRepo: lenient(z.string()),
  githubStars: count,
  projectPage: lenient(z.string()),
  organization: lenient(OrganizationSchema),
});

export const EntrySchema = z.object({
  paper: EntryPaperSchema,
  publishedAt: lenient(z.string()),
  title: lenient(z.string()),
  summary: lenient(z.string()),
  thumbnail: lenient(z.string()),
  numComments: count,
  organization: lenient(OrganizationSchema),
});

export type Entry = z.infer<typeof EntrySchema>;
