/**
 * The background's side of the protocol, for one-off messages and for requests over a port (`port-transport.ts`):
 * every request validated and its sender checked before a handler runs.
 */
import * as z from 'zod/mini';
import { browser, type Browser } from 'wxt/browser';
import { log } from '../log';
import { mark } from '../trace';
import { PORT_NAME, type PortReply } from './port-transport';
import { RequestSchema, type ErrorReply, type Replies, type Request, type RequestType } from './protocol';

const messageLog = log.child('messages');

export type Handlers = {
  [T in RequestType]: (
    request: Extract<Request, { type: T }>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<Replies[T]> | Replies[T];
};

/** True for messages from this extension's own pages and content scripts. */
export function isOwnSender(sender: Browser.runtime.MessageSender, ownId: string): boolean {
  return sender.id === ownId;
}

/** A request posted on a port: the protocol request and the id its reply carries back. */
const PortRequestSchema = z.object({ id: z.number().check(z.int(), z.nonnegative()), request: z.unknown() });

/**
 * The answer to `message` from `sender`: its handler's reply (`null` for none), or `{ error }` for an invalid
 * request or a handler that threw.
 */
async function answer(handlers: Handlers, message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
  const parsed = RequestSchema.safeParse(message);
  if (!parsed.success) return { error: 'invalid request' } satisfies ErrorReply;
  const request = parsed.data;
  mark(`message:${request.type}`);
  const handler = handlers[request.type] as (r: Request, s: typeof sender) => unknown;
  try {
    const reply = await handler(request, sender);
    mark(`reply:${request.type}`);
    return reply ?? null;
  } catch (e) {
    messageLog.error(`${request.type} failed`, e);
    return { error: (e as Error)?.message ?? String(e) } satisfies ErrorReply;
  }
}

/**
 * Registers the background's handlers for one-off messages and for requests over ports named `PORT_NAME`; invalid
 * or foreign messages get `{ error }` and run nothing, a foreign port is closed. `activity` is told when each
 * request (own or not) begins and is answered (the worker's warm-ups wait for a pause: `lib/background/quiet.ts`).
 */
export function handleMessages(handlers: Handlers, activity?: { begin(): void; end(): void }): void {
  const answered = (message: unknown, sender: Browser.runtime.MessageSender) => {
    activity?.begin();
    return answer(handlers, message, sender).finally(() => activity?.end());
  };
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isOwnSender(sender, browser.runtime.id)) return false;
    void answered(message, sender).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PORT_NAME) return;
    const sender = port.sender;
    if (!sender || !isOwnSender(sender, browser.runtime.id)) {
      port.disconnect();
      return;
    }
    let open = true;
    port.onDisconnect.addListener(() => (open = false));
    port.onMessage.addListener((message: unknown) => {
      const envelope = PortRequestSchema.safeParse(message);
      // Without an id no reply could find its request; the page's sender never posts one.
      if (!envelope.success) return;
      const { id, request } = envelope.data;
      void answered(request, sender).then((reply) => {
        // The page closed (or was closed) meanwhile: nobody waits for this reply.
        if (!open) return;
        try {
          port.postMessage({ id, reply } satisfies PortReply);
        } catch (e) {
          messageLog.warn('reply to a closed port', e);
        }
      });
    });
  });
}
