/**
 * A page's visible text as the title matcher needs it — the runs of text between block boundaries, what holds each
 * (a heading or not) and where links, quotations and emphasis sit in them — in a plain, structured-cloneable shape
 * that a content script sends to the background (`TitleIndex.match`) and gets matches back for, by run and offset.
 */
import { MarkKind, RunKind, type TextRun } from './dom-scan';

export { MarkKind, RunKind };

/** The text of a page for title matching. Built by `PageTextBuilder`; read by `TitleIndex.match`. */
export interface PageText {
  /** Runs of text, in document order (each as `TextRun.text`). */
  runs: string[];
  /** `kinds[i]`: what holds run `i` (`RunKind`). */
  kinds: number[];
  /** Inline elements: flat quadruples `[run, start, end, MarkKind]`, offsets into `runs[run]`. */
  marks: number[];
}

/** Runs shorter than this hold no title (the index's minimum is 12 normalized characters) and are not sent. */
export const MIN_RUN_CHARS = 12;
/** At most this many characters of a page are sent for title matching (a huge page keeps its first part). */
export const MAX_PAGE_TEXT_CHARS = 2_000_000;

/** Collects a scan's runs into a `PageText`, keeping the DOM runs aligned with it to map matches back. */
export class PageTextBuilder {
  readonly text: PageText = { runs: [], kinds: [], marks: [] };
  /** `domRuns[i]` is the DOM run of `text.runs[i]`. */
  readonly domRuns: TextRun[] = [];
  private chars = 0;

  /** Adds a run if it may hold a title and the page's budget allows. */
  add(run: TextRun): void {
    if (run.text.length < MIN_RUN_CHARS || this.chars + run.text.length > MAX_PAGE_TEXT_CHARS) return;
    const index = this.text.runs.length;
    this.chars += run.text.length;
    this.text.runs.push(run.text);
    this.text.kinds.push(run.kind);
    for (let k = 0; k < run.marks.length; k += 3) {
      this.text.marks.push(index, run.marks[k] as number, run.marks[k + 1] as number, run.marks[k + 2] as number);
    }
    this.domRuns.push(run);
  }
}
