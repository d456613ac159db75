/**
 * Typed sending and handling of the protocol in `protocol.ts` over `runtime.sendMessage`.
 * The handler validates every request and checks that it comes from this extension.
 */
import { browser, type Browser } from 'wxt/browser';
import { RequestSchema, type ErrorReply, type Replies, type Request, type RequestType } from './protocol';

/** Sends `request` to the background; throws `Error('paper-radar: …')` when it answers with an error. */
export async function send<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Replies[T]> {
  const reply = (await browser.runtime.sendMessage(request)) as Replies[T] | ErrorReply | undefined;
  if (reply === undefined) throw new Error(`paper-radar: no answer to ${request.type}`);
  if (reply && typeof reply === 'object' && 'error' in reply && typeof reply.error === 'string') {
    throw new Error(`paper-radar: ${reply.error}`);
  }
  return reply as Replies[T];
}

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
    const handler = handlers[request.type] as (r: Request, s: typeof sender) => unknown;
    Promise.resolve()
      .then(() => handler(request, sender))
      .then(
        (reply) => sendResponse(reply ?? null),
        (e: unknown) => {
          console.error(`[paper-radar] ${request.type} failed`, e);
          sendResponse({ error: (e as Error)?.message ?? String(e) } satisfies ErrorReply);
        },
      );
    return true;
  });
}
