/**
 * Reading a Chrome trace taken over the DevTools protocol (`Tracing.start` with `transferMode: 'ReturnAsStream'`,
 * then `Tracing.end`), or from a file: the JSON Trace Event Format, either a bare array of events or an object
 * with `traceEvents` (https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU).
 */
import type { CDPSession } from 'playwright-core';

/** The events of a trace file's text, in either of the format's two forms. Throws on text that is not JSON. */
export function traceEventsOf<E>(text: string): E[] {
  const parsed = JSON.parse(text) as E[] | { traceEvents: E[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Ends the trace `cdp` is taking and reads its stream (8 MiB per `IO.read`) into events. */
export async function endTrace<E>(cdp: CDPSession): Promise<E[]> {
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream!)),
  );
  await cdp.send('Tracing.end');
  const handle = await done;
  const parts: string[] = [];
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle, size: 8 * 2 ** 20 });
    parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return traceEventsOf<E>(parts.join(''));
}
