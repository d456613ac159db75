/**
 * The one logger of Paper Radar: every line starts with `[paper-radar]` and the tag of the part that logs it
 * (`[paper-radar] sync: …`), so a console shared with a web page (content scripts) or other extensions shows at a
 * glance what is ours. Levels, lowest first: `debug` < `info` < `warn` < `error`; lines below the threshold
 * (default `info`) are dropped. Browser-free: the sink is a parameter (default `console`).
 */

/** Severity of a log line, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Starts every line Paper Radar logs. */
export const LOG_PREFIX = '[paper-radar]';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Where lines go: the console's four methods (tests pass a recorder). */
export type LogSink = Pick<Console, LogLevel>;

/** A tagged logger: one method per level, each `(message, ...details)` like `console`'s. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
  /** A logger for a part of this one: `log.child('sync')` writes `[paper-radar] sync: …`. */
  child(tag: string): Logger;
}

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** Default `console`. */
  sink?: LogSink;
  /** Lines below this level are dropped. Default `info`. */
  level?: LogLevel;
}

/** A logger tagged `tag` (none: the bare prefix). */
export function createLogger(tag = '', options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? console;
  const threshold = RANK[options.level ?? 'info'];
  const head = tag ? `${LOG_PREFIX} ${tag}:` : LOG_PREFIX;
  const at =
    (level: LogLevel) =>
    (message: string, ...details: unknown[]): void => {
      if (RANK[level] >= threshold) sink[level](`${head} ${message}`, ...details);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (sub) => createLogger(tag ? `${tag}/${sub}` : sub, options),
  };
}

/** The extension's logger; parts take a child (`log.child('badges')`). */
export const log: Logger = createLogger();
