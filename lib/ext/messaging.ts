/**
 * Typed sending of the protocol in `protocol.ts` over `runtime.sendMessage`. Type-only imports keep Zod out of
 * content scripts; the background's validating handler is in `handle-messages.ts`.
 */
import { browser } from 'wxt/browser';
import { MessageError } from '../errors';
import type { ErrorReply, Replies, Request, RequestType } from './protocol';

/**
 * Sends `request` to the background and returns its answer. Throws `MessageError` when it answers with an error
 * (`reason: 'failed'`) or not at all (`'no-answer'`); errors of `runtime.sendMessage` itself pass through.
 */
export async function send<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Replies[T]> {
  const reply = (await browser.runtime.sendMessage(request)) as Replies[T] | ErrorReply | undefined;
  if (reply === undefined) throw new MessageError(request.type, 'no-answer', `no answer to ${request.type}`);
  if (reply && typeof reply === 'object' && 'error' in reply && typeof reply.error === 'string') {
    throw new MessageError(request.type, 'failed', reply.error);
  }
  return reply as Replies[T];
}
