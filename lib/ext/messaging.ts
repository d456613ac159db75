/**
 * Typed sending of the protocol in `protocol.ts`: over `runtime.sendMessage`, or — in a page that called
 * `sendOverPort` — its read-only requests over one long-lived port (`port-transport.ts`). Type-only imports keep Zod
 * out of content scripts; the background's validating handler is in `handle-messages.ts`.
 */
import { browser } from 'wxt/browser';
import { MessageError } from '../errors';
import { createPortSender, PORT_NAME, type PortLike, type RawSend } from './port-transport';
import type { ErrorReply, Replies, Request, RequestType } from './protocol';

const oneOff: RawSend = (request) => browser.runtime.sendMessage(request);

let raw: RawSend = oneOff;

/**
 * From now on, this page sends its read-only requests over one port opened on the first of them (and again after
 * the browser closes it: a stopped service worker); the others still go one-off. For a page that sends many requests
 * in a burst (the popup); a content script should not hold a port to the background open.
 */
export function sendOverPort(): void {
  raw = createPortSender(() => browser.runtime.connect({ name: PORT_NAME }) as PortLike, oneOff);
}

/**
 * Sends `request` to the background and returns its answer. Throws `MessageError` when it answers with an error
 * (`reason: 'failed'`) or not at all (`'no-answer'`); errors of `runtime.sendMessage` itself pass through.
 */
export async function send<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Replies[T]> {
  const reply = (await raw(request)) as Replies[T] | ErrorReply | undefined;
  if (reply === undefined) throw new MessageError(request.type, 'no-answer', `no answer to ${request.type}`);
  if (reply && typeof reply === 'object' && 'error' in reply && typeof reply.error === 'string') {
    throw new MessageError(request.type, 'failed', reply.error);
  }
  return reply as Replies[T];
}
