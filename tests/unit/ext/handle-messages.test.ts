/** The background's side of requests over a port: validated like one-off messages, answered by id, senders checked. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handleMessages } from '../../../lib/ext/handle-messages';
import { PORT_NAME } from '../../../lib/ext/port-transport';

type Listener = (...args: unknown[]) => unknown;
const listeners = vi.hoisted(() => ({ message: [] as Listener[], connect: [] as Listener[] }));

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'own-id',
      onMessage: { addListener: (f: Listener) => listeners.message.push(f) },
      onConnect: { addListener: (f: Listener) => listeners.connect.push(f) },
    },
  },
}));

/** The background's end of a port a page opened. */
class BackgroundPort {
  posted: unknown[] = [];
  disconnected = false;
  private onMessageListeners: Listener[] = [];
  private onDisconnectListeners: Listener[] = [];
  onMessage = { addListener: (f: Listener) => void this.onMessageListeners.push(f) };
  onDisconnect = { addListener: (f: Listener) => void this.onDisconnectListeners.push(f) };
  constructor(
    readonly name: string,
    readonly sender: { id?: string },
  ) {}
  postMessage(m: unknown): void {
    this.posted.push(m);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  /** The page posts `m`. */
  receive(m: unknown): void {
    for (const f of this.onMessageListeners) f(m);
  }
  /** The page closes. */
  close(): void {
    for (const f of this.onDisconnectListeners) f();
  }
}

/** Handlers where `search` answers with its query after `gate` resolves and every other type is never called. */
function setUp(activity?: { begin(): void; end(): void }) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const search = vi.fn(async ({ query }: { query: string }) => {
    await gate;
    return [`hits for ${query}`];
  });
  const handlers = new Proxy({ search } as Record<string, unknown>, {
    get: (t, k: string) => t[k] ?? (() => Promise.reject(new Error(`unexpected ${k}`))),
  });
  handleMessages(handlers as unknown as Parameters<typeof handleMessages>[0], activity);
  const connect = (name = PORT_NAME, sender: { id?: string } = { id: 'own-id' }) => {
    const port = new BackgroundPort(name, sender);
    for (const f of listeners.connect) f(port);
    return port;
  };
  return { connect, search, release };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  listeners.message.length = 0;
  listeners.connect.length = 0;
});

describe('handleMessages over a port', () => {
  it('answers each request with its id', async () => {
    const { connect, release } = setUp();
    const port = connect();
    port.receive({ id: 7, request: { type: 'search', query: 'graph' } });
    port.receive({ id: 8, request: { type: 'search', query: 'llm' } });
    release();
    await settle();
    expect(port.posted).toEqual([
      { id: 7, reply: ['hits for graph'] },
      { id: 8, reply: ['hits for llm'] },
    ]);
  });

  it('answers an invalid request with an error and runs nothing; ignores a message without an id', async () => {
    const { connect, search, release } = setUp();
    const port = connect();
    port.receive({ id: 1, request: { type: 'search', query: 42 } });
    port.receive({ request: { type: 'search', query: 'no id' } });
    release();
    await settle();
    expect(port.posted).toEqual([{ id: 1, reply: { error: 'invalid request' } }]);
    expect(search).not.toHaveBeenCalled();
  });

  it('closes a port another extension opened, and ignores ports of other names', async () => {
    const { connect, search } = setUp();
    const foreign = connect(PORT_NAME, { id: 'someone-else' });
    expect(foreign.disconnected).toBe(true);
    foreign.receive({ id: 1, request: { type: 'search', query: 'x' } });
    const other = connect('another-port');
    other.receive({ id: 1, request: { type: 'search', query: 'x' } });
    await settle();
    expect(search).not.toHaveBeenCalled();
    expect(foreign.posted).toEqual([]);
    expect(other.posted).toEqual([]);
  });

  it('posts nothing to a port the page closed before the answer', async () => {
    const { connect, search, release } = setUp();
    const port = connect();
    port.receive({ id: 3, request: { type: 'search', query: 'late' } });
    port.close();
    release();
    await settle();
    expect(search).toHaveBeenCalledOnce();
    expect(port.posted).toEqual([]);
  });

  it('tells the activity tracker when each request, over a port or one-off, begins and is answered', async () => {
    const events: string[] = [];
    const { connect, release } = setUp({ begin: () => events.push('begin'), end: () => events.push('end') });
    connect().receive({ id: 1, request: { type: 'search', query: 'a' } });
    const reply = vi.fn();
    listeners.message[0]!({ type: 'search', query: 'b' }, { id: 'own-id' }, reply);
    await settle();
    expect(events).toEqual(['begin', 'begin']);
    release();
    await settle();
    expect(events).toEqual(['begin', 'begin', 'end', 'end']);
    expect(reply).toHaveBeenCalledWith(['hits for b']);
  });
});
