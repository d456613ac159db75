/** The background's side of the protocol: every request validated and its sender checked before a handler runs. */
import { browser, type Browser } from 'wxt/browser';
import { log } from '../log';
import { mark } from '../trace';
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

/** Registers the background's handlers; invalid or foreign messages get `{ error }` and run nothing. */
export function handleMessages(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isOwnSender(sender, browser.runtime.id)) return false;
    const parsed = RequestSchema.safeParse(message);
    if (!parsed.success) {
      sendResponse({ error: 'invalid request' } satisfies ErrorReply);
      return false;
    }
    const request = parsed.data;
    mark(`message:${request.type}`);
    const handler = handlers[request.type] as (r: Request, s: typeof sender) => unknown;
    Promise.resolve()
      .then(() => handler(request, sender))
      .then(
        (reply) => {
          mark(`reply:${request.type}`);
          sendResponse(reply ?? null);
        },
        (e: unknown) => {
          messageLog.error(`${request.type} failed`, e);
          sendResponse({ error: (e as Error)?.message ?? String(e) } satisfies ErrorReply);
        },
      );
    return true;
  });
}
