/**
 * The popup's head script (public/wake.js) wakes the service worker before the popup's modules load: it must run
 * before them, connect once under a name the request handler ignores (so nothing is answered or kept), and close.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PORT_NAME } from '../../../lib/ext/port-transport';

const root = join(import.meta.dirname, '../../..');
const wake = readFileSync(join(root, 'public/wake.js'), 'utf8');

describe('the popup wakes the worker from its head', () => {
  it('loads wake.js as a classic script in the head, before the module script', () => {
    const html = readFileSync(join(root, 'entrypoints/popup/index.html'), 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toMatch(/<script src="\/wake\.js"><\/script>/);
    expect(html.indexOf('/wake.js')).toBeLessThan(html.indexOf('type="module"'));
  });

  it('connects one port the request handler does not answer, and disconnects it at once', () => {
    const ports: { name: string; disconnected: boolean }[] = [];
    const chrome = {
      runtime: {
        connect: ({ name }: { name: string }) => {
          const port = { name, disconnected: false, disconnect: () => (port.disconnected = true) };
          ports.push(port);
          return port;
        },
      },
    };
    runInNewContext(wake, { chrome });
    expect(ports).toHaveLength(1);
    expect(ports[0]!.name).not.toBe(PORT_NAME);
    expect(ports[0]!.disconnected).toBe(true);
  });

  it('does nothing, without an error, outside an extension page', () => {
    expect(() => runInNewContext(wake, { chrome: undefined })).not.toThrow();
  });
});
