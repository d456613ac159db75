import { describe, expect, it } from 'vitest';
import { MessageError, PaperRadarError, errorMessage } from '../../lib/errors';
import { createLogger, type LogSink } from '../../lib/log';

function recorder() {
  const lines: [string, unknown[]][] = [];
  const at =
    (level: string) =>
    (msg: string, ...rest: unknown[]) =>
      void lines.push([`${level} ${msg}`, rest]);
  const sink: LogSink = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { sink, lines };
}

describe('createLogger', () => {
  it('prefixes every line with [paper-radar] and the tag, and passes details through', () => {
    const { sink, lines } = recorder();
    const e = new Error('boom');
    createLogger('sync', { sink }).error('failed', e);
    expect(lines).toEqual([['error [paper-radar] sync: failed', [e]]]);
  });

  it('nests child tags', () => {
    const { sink, lines } = recorder();
    createLogger('', { sink }).child('background').child('retry').warn('soon');
    expect(lines.map(([l]) => l)).toEqual(['warn [paper-radar] background/retry: soon']);
  });

  it('drops lines below its level (default info)', () => {
    const { sink, lines } = recorder();
    const log = createLogger('x', { sink });
    log.debug('hidden');
    log.info('shown');
    createLogger('y', { sink, level: 'error' }).warn('hidden too');
    expect(lines.map(([l]) => l)).toEqual(['info [paper-radar] x: shown']);
  });
});

describe('errorMessage', () => {
  it('returns the detail of a Paper Radar error and the message of any other, without the prefix', () => {
    const e = new MessageError('search', 'failed', 'index not ready');
    expect(e).toBeInstanceOf(PaperRadarError);
    expect(e.message).toBe('paper-radar: index not ready');
    expect(errorMessage(e)).toBe('index not ready');
    expect(errorMessage(new Error('paper-radar: x'))).toBe('x');
    expect(errorMessage('plain')).toBe('plain');
  });
});
