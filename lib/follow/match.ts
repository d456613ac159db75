/**
 * Followed keywords and regular expressions: validating what a user types, and matching papers against them.
 *
 * - A keyword (a word or a phrase) matches a paper whose title, abstract, AI keywords or author names contain its
 *   words in order, compared as the search compares words (case, accents, plural and other endings ignored:
 *   `transformer` matches "Transformers"; stop words are skipped: `state of the art` matches "state-of-the-art").
 * - A regular expression (RE2 syntax, case-insensitive) matches when it finds a match in one of those fields. It
 *   runs on RE2JS, a linear-time engine: a pattern such as `(a+)+$` cannot backtrack catastrophically, and each
 *   field is cut to `MAX_FIELD_CHARS` characters, so one match costs at most linear time in a bounded input.
 *   Patterns RE2 does not support (backreferences, lookahead) are refused with the engine's message.
 */
import { RE2JS } from 're2js';
import { analyze } from '../search/text';
import { FOLLOW_TOO_LONG, MAX_FOLLOW_LENGTH } from './limits';

export type TextFollowKind = 'keyword' | 'regex';

export { MAX_FOLLOW_LENGTH } from './limits';

/** Longest part of a field a regular expression reads (characters). */
export const MAX_FIELD_CHARS = 20_000;

/** A valid follow, normalized: the value to store and the processed words of a keyword. */
export type FollowCheck = { ok: true; kind: TextFollowKind; value: string } | { ok: false; reason: string };

/**
 * Checks what a user typed. Keywords are trimmed and their whitespace collapsed; they must keep at least one word
 * that is not a stop word. Patterns must compile under RE2. The reason of a refusal is a sentence to show.
 */
export function checkFollow(kind: TextFollowKind, raw: string): FollowCheck {
  const value = kind === 'keyword' ? raw.replace(/\s+/g, ' ').trim() : raw.trim();
  if (value === '') return { ok: false, reason: kind === 'keyword' ? 'Enter a word or phrase.' : 'Enter a pattern.' };
  if (value.length > MAX_FOLLOW_LENGTH) {
    return { ok: false, reason: FOLLOW_TOO_LONG };
  }
  if (kind === 'keyword') {
    if (analyze(value).length === 0) {
      return { ok: false, reason: `“${value}” has no word to look for (common words such as “the” are skipped).` };
    }
    return { ok: true, kind, value };
  }
  const compiled = compilePattern(value);
  return compiled.ok ? { ok: true, kind, value } : compiled;
}

function compilePattern(pattern: string): { ok: true; re: RE2JS } | { ok: false; reason: string } {
  try {
    return { ok: true, re: RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE) };
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    return { ok: false, reason: `Not a valid regular expression: ${message}` };
  }
}

/** What a paper offers to match: any field may be missing. */
export interface MatchableText {
  title?: string | undefined;
  abstract?: string | undefined;
  keywords?: readonly string[] | undefined;
  authors?: readonly string[] | undefined;
  /** Any other text (an arXiv listing entry as the page shows it). */
  text?: string | undefined;
}

/** A follow as the matcher needs it. */
export interface TextFollow {
  id: string;
  kind: TextFollowKind;
  value: string;
}

/** Matches texts against a fixed set of follows. */
export interface FollowMatcher {
  /** How many follows it checks (invalid stored ones are skipped). */
  readonly size: number;
  /** The ids of the follows `text` matches, in the order the follows were given. */
  match(text: MatchableText): string[];
}

/** Whether `needle` occurs as a contiguous run in `hay`. */
function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function fieldsOf(text: MatchableText): string[] {
  const out: string[] = [];
  if (text.title) out.push(text.title);
  if (text.abstract) out.push(text.abstract);
  for (const k of text.keywords ?? []) out.push(k);
  for (const a of text.authors ?? []) out.push(a);
  if (text.text) out.push(text.text);
  return out;
}

/**
 * Builds a matcher for `follows` (topic follows are not text follows: pass only keywords and patterns). A stored
 * follow that no longer validates (an edited store) is skipped rather than thrown on.
 */
export function compileFollows(follows: readonly TextFollow[]): FollowMatcher {
  const keywords: { id: string; terms: string[] }[] = [];
  const patterns: { id: string; re: RE2JS }[] = [];
  for (const f of follows) {
    if (f.kind === 'keyword') {
      const terms = analyze(f.value);
      if (terms.length > 0) keywords.push({ id: f.id, terms });
    } else {
      const c = compilePattern(f.value);
      if (c.ok) patterns.push({ id: f.id, re: c.re });
    }
  }
  const order = new Map(follows.map((f, i) => [f.id, i]));
  return {
    size: keywords.length + patterns.length,
    match(text) {
      if (keywords.length + patterns.length === 0) return [];
      const fields = fieldsOf(text);
      const hit = new Set<string>();
      if (keywords.length > 0) {
        // Each field apart: a phrase does not run from the end of the title into the abstract.
        const analyzed = fields.map((f) => analyze(f));
        for (const k of keywords) if (analyzed.some((terms) => containsRun(terms, k.terms))) hit.add(k.id);
      }
      for (const p of patterns) {
        if (fields.some((f) => p.re.test(f.length > MAX_FIELD_CHARS ? f.slice(0, MAX_FIELD_CHARS) : f))) hit.add(p.id);
      }
      return [...hit].sort((a, b) => order.get(a)! - order.get(b)!);
    },
  };
}

/** How a follow is shown: a keyword as typed, a pattern between slashes. */
export function followLabel(f: Pick<TextFollow, 'kind' | 'value'>): string {
  return f.kind === 'regex' ? `/${f.value}/` : f.value;
}
