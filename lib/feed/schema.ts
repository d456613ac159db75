/**
 * The Zod schema of one Daily Papers entry as the API really returns it, across every era of schema drift seen in
 * the recorded responses (`shared/data/PROVENANCE.md`).
 *
 * Strict only where Paper Radar cannot work without a field (`paper.id`, `paper.title`); everything else is
 * optional, and an optional field of an unexpected type is dropped rather than failing the entry (`z.catch`).
 * Unknown fields are tolerated and dropped (Zod objects strip keys they do not declare).
 */
import * as z from 'zod/mini';

/** An optional field that silently becomes `undefined` when present with another type. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

const nonEmpty = z.string().check(z.trim(), z.minLength(1));

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
  upvotes: lenient(z.number()),
  publishedAt: lenient(z.string()),
  submittedOnDailyAt: lenient(z.string()),
  authors: z.catch(z.array(z.catch(AuthorSchema, {})), []),
  ai_summary: lenient(z.string()),
  ai_keywords: lenient(z.array(z.string())),
  githubRepo: lenient(z.string()),
  githubStars: lenient(z.number()),
  projectPage: lenient(z.string()),
  organization: lenient(OrganizationSchema),
});

export const EntrySchema = z.object({
  paper: EntryPaperSchema,
  publishedAt: lenient(z.string()),
  title: lenient(z.string()),
  summary: lenient(z.string()),
  thumbnail: lenient(z.string()),
  numComments: lenient(z.number()),
  organization: lenient(OrganizationSchema),
});

export type Entry = z.infer<typeof EntrySchema>;
