/** The popup's requests over one port: replies found by id, stale ones ignored, a closed port's requests sent again. */
import { describe, expect, it, vi } from 'vitest';
import { createPortSender, type PortLike, type PortRequest } from '../../../lib/ext/port-transport';
import type { Request } from '../../../lib/ext/protocol';

/** A port the test drives: what the page posted, and the background's side (reply, close). */
class FakePort implements PortLike {
  posted: PortRequest[] = [];
  closed = false;
  throwOnPost = false;
  private messageListeners: ((m: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (f: (m: unknown) => void) => void this.messageListeners.push(f) };
  onDisconnect = { addListener: (f: () => void) => void this.disconnectListeners.push(f) };
  postMessage(m: unknown): void {
    if (this.throwOnPost || this.closed) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(m as PortRequest);
  }
  disconnect(): void {
    this.closed = true;
  }
  /** The background answers the request posted with `id`. */
  reply(id: number, reply: unknown): void {
    for (const f of this.messageListeners) f({ id, reply });
  }
  /** The background answers the `n`-th request posted on this port with `reply`. */
  answer(n: number, reply: unknown): void {
    this.reply(this.posted[n]!.id, reply);
  }
  /** The browser closes the port (the service worker stopped). */
  close(): void {
    this.closed = true;
    for (const f of this.disconnectListeners) f();
  }
}

const search = (query: string): Request => ({ type: 'search', query });

/** A sender over fake ports: every port it opened, and the one-off fallback's calls. */
function setUp(connectError?: Error) {
  const ports: FakePort[] = [];
  const connect = vi.fn(() => {
    if (connectError) throw connectError;
    const p = new FakePort();
    ports.push(p);
    return p;
  });
  const fallback = vi.fn((r: Request) => Promise.resolve({ oneOff: r.type }));
  return { send: createPortSender(connect, fallback), ports, connect, fallback };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('createPortSender', () => {
  it('opens one port on the first request and reuses it for the next ones', async () => {
    const { send, ports, connect } = setUp();
    const a = send(search('a'));
    const b = send(search('ab'));
    expect(connect).toHaveBeenCalledTimes(1);
    expect(ports[0]!.posted.map((m) => m.request)).toEqual([search('a'), search('ab')]);
    ports[0]!.answer(0, 'A');
    ports[0]!.answer(1, 'AB');
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBe('AB');
  });

  it('routes each reply to its own request, whatever the order of the replies', async () => {
    const { send, ports } = setUp();
    const first = send(search('first'));
    const second = send({ type: 'related', limit: 10 });
    const [p] = ports;
    expect(p!.posted[0]!.id).not.toBe(p!.posted[1]!.id);
    p!.answer(1, { kind: 'trending' });
    p!.answer(0, ['hits']);
    await expect(second).resolves.toEqual({ kind: 'trending' });
    await expect(first).resolves.toEqual(['hits']);
  });

  it('ignores a reply no request waits for: an unknown id, a second reply, a message without an id', async () => {
    const { send, ports } = setUp();
    const request = send(search('q'));
    const [p] = ports;
    const id = p!.posted[0]!.id;
    let answered: unknown = 'nothing yet';
    void request.then((r) => (answered = r));
    p!.reply(id + 1000, 'stale');
    for (const f of (p as unknown as { messageListeners: ((m: unknown) => void)[] }).messageListeners) f('garbage');
    await settle();
    expect(answered).toBe('nothing yet');
    p!.reply(id, 'own');
    p!.reply(id, 'again');
    await settle();
    expect(answered).toBe('own');
    // The next request is not answered by the stale second reply either.
    const next = send(search('q2'));
    let nextAnswer: unknown = 'nothing yet';
    void next.then((r) => (nextAnswer = r));
    p!.reply(id, 'again, later');
    await settle();
    expect(nextAnswer).toBe('nothing yet');
  });

  it('sends a request again over a new port when the port closes before its reply (a stopped worker)', async () => {
    const { send, ports, fallback } = setUp();
    const done = send(search('a'));
    const answered = send(search('b'));
    ports[0]!.answer(1, 'B');
    ports[0]!.close();
    expect(ports).toHaveLength(2);
    // Only the unanswered request is sent again.
    expect(ports[1]!.posted.map((m) => m.request)).toEqual([search('a')]);
    ports[1]!.answer(0, 'A');
    await expect(done).resolves.toBe('A');
    await expect(answered).resolves.toBe('B');
    expect(fallback).not.toHaveBeenCalled();
    // Later requests use the new port.
    const later = send(search('c'));
    expect(ports).toHaveLength(2);
    ports[1]!.answer(1, 'C');
    await expect(later).resolves.toBe('C');
  });

  it('opens a new port for a request sent after the port closed with nothing in flight', async () => {
    const { send, ports } = setUp();
    const a = send(search('a'));
    ports[0]!.answer(0, 'A');
    await a;
    ports[0]!.close();
    const b = send(search('b'));
    expect(ports).toHaveLength(2);
    ports[1]!.answer(0, 'B');
    await expect(b).resolves.toBe('B');
  });

  it('falls back to a one-off message when the second port closes under the same request', async () => {
    const { send, ports, fallback } = setUp();
    const r = send(search('a'));
    ports[0]!.close();
    ports[1]!.close();
    await expect(r).resolves.toEqual({ oneOff: 'search' });
    expect(fallback).toHaveBeenCalledExactlyOnceWith(search('a'));
  });

  it('posts again when posting throws (a port closed before its disconnect event ran)', async () => {
    const { send, ports } = setUp();
    const a = send(search('a'));
    ports[0]!.answer(0, 'A');
    await a;
    ports[0]!.throwOnPost = true;
    const b = send(search('b'));
    expect(ports).toHaveLength(2);
    ports[1]!.answer(0, 'B');
    await expect(b).resolves.toBe('B');
  });

  it('sends one-off when no port can be opened (the extension context is gone)', async () => {
    const { send, fallback } = setUp(new Error('Extension context invalidated.'));
    await expect(send(search('a'))).resolves.toEqual({ oneOff: 'search' });
    expect(fallback).toHaveBeenCalledOnce();
  });

  it('sends requests that change something one-off, never over the port (they must not run twice)', async () => {
    const { send, connect, fallback } = setUp();
    await expect(send({ type: 'visit', id: '2401.00001', via: 'popup' })).resolves.toEqual({ oneOff: 'visit' });
    await expect(send({ type: 'syncNow' })).resolves.toEqual({ oneOff: 'syncNow' });
    expect(connect).not.toHaveBeenCalled();
    expect(fallback).toHaveBeenCalledTimes(2);
  });

  it('passes a failed one-off send on as a rejection', async () => {
    const ports: FakePort[] = [];
    const send = createPortSender(
      () => {
        const p = new FakePort();
        ports.push(p);
        return p;
      },
      () => Promise.reject(new Error('Could not establish connection')),
    );
    const r = send(search('a'));
    ports[0]!.close();
    ports[1]!.close();
    await expect(r).rejects.toThrow('Could not establish connection');
  });
});
