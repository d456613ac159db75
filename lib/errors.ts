/**
 * Paper Radar's error classes, for the places where a caller must tell one failure from another. Expected trouble
 * (a network error, a bad response, a full disk) is a value in a report, not an exception (STYLE.md); these are
 * thrown across a boundary: the message protocol, the bundled snapshot. Every message starts with `paper-radar:`,
 * and `detail` holds it without the prefix, for people.
 */

export class PaperRadarError extends Error {
  override name = 'PaperRadarError';
  /** The message without its `paper-radar:` prefix. */
  readonly detail: string;

  constructor(detail: string, options?: ErrorOptions) {
    super(`paper-radar: ${detail}`, options);
    this.detail = detail;
  }
}

/**
 * A request over the message protocol failed: the background answered `{ error }` (`reason: 'failed'`) or nothing
 * at all (`reason: 'no-answer'`: it was restarting, or no listener took the message).
 */
export class MessageError extends PaperRadarError {
  override name = 'MessageError';

  constructor(
    readonly request: string,
    readonly reason: 'failed' | 'no-answer',
    detail: string,
  ) {
    super(detail);
  }
}

/** The first-run snapshot shipped with the extension could not be read or did not validate. */
export class SnapshotError extends PaperRadarError {
  override name = 'SnapshotError';
}

/** A failure as a person can read it: a `PaperRadarError`'s detail, else the message of any error, else the value. */
export function errorMessage(e: unknown): string {
  if (e instanceof PaperRadarError) return e.detail;
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/^paper-radar:\s*/, '');
}
