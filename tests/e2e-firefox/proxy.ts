/**
 * The network Firefox sees in the end-to-end tests: a loopback HTTP proxy (Firefox is pointed at it through prefs)
 * that answers `CONNECT` for the feed host and arXiv with TLS of its own — a throw-away self-signed certificate made
 * at test time, accepted because the session runs with `acceptInsecureCerts` — and refuses every other host, keeping
 * a record of it. WebDriver BiDi's network interception does not see an extension background's `fetch` in Firefox
 * (153 ESR), so the proxy is where the extension's own requests are answered and where a leak would show up.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';
import type { FeedHandler } from '../e2e/harness';

/** The hosts the proxy answers; every other one is refused. */
export const SERVED_HOSTS = ['huggingface.co', 'arxiv.org'] as const;

export interface FeedProxy {
  port: number;
  /** Feed URLs requested, in order. */
  feedRequests: string[];
  /** Served-host URLs that were neither the feed nor a served page (answered 404). */
  unserved: string[];
  /** Hosts (`host:port` of a refused `CONNECT`) and plain-http URLs the proxy refused. */
  refused: string[];
  setFeed(handler: FeedHandler): void;
  /** Serves HTML at an https URL on a served host (matched with or without its query). */
  servePage(url: string, html: string): void;
  close(): Promise<void>;
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

/** One self-signed certificate per test process, naming the served hosts. */
function testCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'paper-radar e2e proxy' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 2 * 24 * 3600_000),
    extensions: [{ name: 'subjectAltName', altNames: SERVED_HOSTS.map((value) => ({ type: 2, value })) }],
  }).then((p) => ({ key: p.private, cert: p.cert }));
  return certificate;
}

/** Starts the proxy on 127.0.0.1 (a free port). The feed answers `[]` (or `feed`) until `setFeed`. */
export async function startFeedProxy(feed: FeedHandler = () => undefined): Promise<FeedProxy> {
  const feedRequests: string[] = [];
  const unserved: string[] = [];
  const refused: string[] = [];
  const pages = new Map<string, string>();
  let answerFeed = feed;

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? ''}`);
    if (url.hostname === 'huggingface.co' && url.pathname === '/api/daily_papers') {
      feedRequests.push(url.href);
      const a = answerFeed(url) ?? { body: '[]' };
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body);
      return;
    }
    const page = pages.get(url.href) ?? pages.get(url.origin + url.pathname);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return;
    }
    unserved.push(url.href);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not served by the test proxy');
  };

  const tls = createHttpsServer(await testCertificate(), answer);
  const proxy = createHttpServer((req, res) => {
    refused.push(req.url ?? '');
    res.writeHead(403);
    res.end();
  });
  const sockets = new Set<Socket>();
  proxy.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket) => {
    const [host, port] = (req.url ?? '').split(':');
    if (!(SERVED_HOSTS as readonly string[]).includes(host ?? '') || port !== '443') {
      refused.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tls.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));

  return {
    port: (proxy.address() as AddressInfo).port,
    feedRequests,
    unserved,
    refused,
    setFeed(handler) {
      answerFeed = handler;
    },
    servePage(url, html) {
      pages.set(url, html);
    },
    async close() {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
