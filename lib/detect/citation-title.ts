/**
 * The title a citation record gives its paper — BibTeX/BibLaTeX `title = {…}`, CSL-JSON `"title": "…"`, RIS
 * `TI  - …` — for naming a paper found by its id in that record (`eprint = {1706.03762}`) when it is not in the
 * cached feed. Used by the popup's scan only, so the badge content scripts do not carry it.
 */
import { blockAround } from './dom-scan';
import type { MentionRange } from './mention';

/** Where a new citation record begins: a BibTeX entry, an RIS record's type line, a JSON object in a list. */
const RECORD_START = /@[a-z]+\s*[{(]|^TY {2}- |\}\s*,\s*\{/gim;
/** Title fields: BibTeX `title = {…}` (one level of nested braces) or `"…"`, CSL-JSON `"title": "…"`, RIS `TI`/`T1`. */
const TITLE_FIELD =
  /\btitle\s*=\s*(?:\{((?:[^{}]|\{[^{}]*\})*)\}|"([^"]*)")|"title"\s*:\s*"((?:[^"\\]|\\.)*)"|^T[I1] {2}- (.+)$/gim;
/** How far from a citation field its record's title is looked for. */
const RECORD_REACH = 2000;

/**
 * The title field of the record holding offset `at`, cleaned for display (braces, TeX macros and extra spaces
 * removed), or `undefined`. The record is the text between the record starts before and after `at`.
 */
export function recordTitle(text: string, at: number): string | undefined {
  const from = Math.max(0, at - RECORD_REACH);
  const window = text.slice(from, Math.min(text.length, at + RECORD_REACH));
  const here = at - from;
  let start = 0;
  let end = window.length;
  for (const m of window.matchAll(RECORD_START)) {
    if (m.index <= here) start = m.index;
    else {
      end = m.index;
      break;
    }
  }
  const record = window.slice(start, end);
  const m = TITLE_FIELD.exec(record);
  TITLE_FIELD.lastIndex = 0;
  const raw = m && (m[1] ?? m[2] ?? m[3] ?? m[4]);
  if (!raw) return undefined;
  const clean = raw
    .replace(/\\[A-Za-z]+\s*/g, '')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '' ? undefined : clean;
}

/** `recordTitle` around a mention found in text: the record is read from the block holding the mention. */
export function recordTitleAround(range: MentionRange): string | undefined {
  const block = blockAround(range.startNode);
  const text = block?.textContent ?? range.startNode.data;
  const at = text.indexOf(range.startNode.data);
  return at < 0 ? undefined : recordTitle(text, at + range.startOffset);
}
