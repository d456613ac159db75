/**
 * The message protocol over one long-lived `runtime.connect` port, for the page that sends many requests in a burst
 * (the popup: its related lists, then a search per keystroke). Chrome's one-off `runtime.sendMessage` sets up a
 * channel per message; a port opened once carries every request after it. Requests and replies are the protocol's
 * own (`protocol.ts`), wrapped with an id (`PortRequest`, `PortReply`) so each reply finds its request; the
 * background validates each request as it does a one-off message (`handle-messages.ts`).
 *
 * Only read-only requests travel by port (`PORT_REQUESTS`): a request in flight when the port closes (the browser
 * stopped the service worker, or the extension was reloaded) is sent again, once over a new port and then as a
 * one-off message, and only a request that changes nothing may safely run twice.
 */
import type { Request, RequestType } from './protocol';

/** The port's name (`runtime.connect({ name })`); the background ignores ports of any other name. */
export const PORT_NAME = 'paper-radar/requests';

/** What the page posts: a protocol request and the id its reply will carry. */
export interface PortRequest {
  id: number;
  request: unknown;
}

/** What the background posts back: the id of the request, and what `runtime.sendMessage` would have answered. */
export interface PortReply {
  id: number;
  reply: unknown;
}

/** Requests that read and change nothing: safe to send again after the port closed with them in flight. */
export const PORT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'status',
  'lookup',
  'papers',
  'list',
  'search',
  'related',
  'forYou',
  'period',
  'topics',
  'follows',
  'saved',
]);

/** The part of `runtime.Port` a transport uses (a fake in tests). */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** One request sent over ports, until its reply. */
interface Pending {
  request: Request;
  /** Ports it was posted on so far (sent again over a new port once, then as a one-off message). */
  posts: number;
  /** The port it was last posted on. */
  port?: PortLike;
  resolve: (reply: unknown) => void;
  reject: (error: unknown) => void;
}

/** Sends one request and resolves with the background's raw reply (what `runtime.sendMessage` resolves with). */
export type RawSend = (request: Request) => Promise<unknown>;

/**
 * A sender over a port opened by `connect` on first use and opened again after it closes. `fallback` (the one-off
 * `runtime.sendMessage`) carries what a port cannot: requests not in `PORT_REQUESTS`, a request when `connect`
 * throws (the extension's context is gone), and a request in flight when a second port closed under it. A reply
 * whose id is not awaited (answered already, or from a request sent again) is ignored.
 */
export function createPortSender(connect: () => PortLike, fallback: RawSend): RawSend {
  let port: PortLike | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const open = (): PortLike | undefined => {
    if (port) return port;
    let opened: PortLike;
    try {
      opened = connect();
    } catch {
      return undefined;
    }
    opened.onMessage.addListener((message) => {
      if (!isPortReply(message)) return;
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      p.resolve(message.reply);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = undefined;
      // Everything posted on this port and not answered goes out again: the worker may have stopped mid-request.
      const lost = [...pending].filter(([, p]) => p.port === opened);
      for (const [id, p] of lost) {
        pending.delete(id);
        post(p);
      }
    });
    port = opened;
    return opened;
  };

  /** Posts `p` on the current port (opened if need be), else hands it to `fallback`. */
  const post = (p: Pending): void => {
    const target = p.posts < 2 ? open() : undefined;
    if (target) {
      const id = nextId++;
      p.posts += 1;
      p.port = target;
      pending.set(id, p);
      try {
        target.postMessage({ id, request: p.request } satisfies PortRequest);
        return;
      } catch {
        // Closed under us (its onDisconnect may not have run yet): forget it and try again.
        pending.delete(id);
        if (port === target) port = undefined;
        post(p);
        return;
      }
    }
    fallback(p.request).then(p.resolve, p.reject);
  };

  return (request) => {
    if (!PORT_REQUESTS.has(request.type)) return fallback(request);
    return new Promise((resolve, reject) => post({ request, posts: 0, resolve, reject }));
  };
}

/** A reply envelope as the background posts it (checked by shape: the page keeps Zod out of its bundle). */
function isPortReply(message: unknown): message is PortReply {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { id?: unknown }).id === 'number' &&
    'reply' in message
  );
}
