import { describe, expect, it } from 'vitest';
import { SESSION_EVENTS } from '@/server/sessions/console-contract';
import { SessionConnection, type ConnectionState, type SessionScreen, type SessionSocket } from './session-connection';

const SESSION_ID = 'admin-0123456789abcdef0';
const ATTACHED = { ok: true, status: 'Connected', idleTimeoutSeconds: 1200, maxDurationSeconds: 0, nodeId: 'mi-0123456789abcdef0', runAs: 'opsdeck-user' } as const;

/** A socket whose requests are answered by `answers` and whose server events the test fires. */
class FakeSocket implements SessionSocket {
  connected = false;
  active = true;
  emitted: { event: string; payload: unknown }[] = [];
  requests: { event: string; payload: unknown }[] = [];
  closed = false;
  private listeners = new Map<string, ((...args: unknown[]) => void)[]>();

  constructor(private readonly answers: Record<string, (payload: unknown) => unknown>) {}

  isConnected = () => this.connected;
  isActive = () => this.active;
  on(event: string, listener: (...args: unknown[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
  }
  async request<T>(event: string, payload: unknown): Promise<T> {
    this.requests.push({ event, payload });
    const answer = this.answers[event];
    if (!answer) throw new Error('timeout');
    return answer(payload) as T;
  }
  close() {
    this.closed = true;
  }
  fire(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  connect() {
    this.connected = true;
    this.fire('connect');
  }
  drop() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
  sent(event: string) {
    return this.emitted.filter((entry) => entry.event === event).map((entry) => entry.payload);
  }
}

/** A screen that draws when told to, so tests control when write callbacks run. */
class FakeScreen implements SessionScreen {
  cols = 120;
  rows = 40;
  written: string[] = [];
  private callbacks: (() => void)[] = [];
  write(data: string | Uint8Array, callback?: () => void) {
    this.written.push(typeof data === 'string' ? data : new TextDecoder().decode(data));
    if (callback) this.callbacks.push(callback);
  }
  draw() {
    for (const callback of this.callbacks.splice(0)) callback();
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(answers: Record<string, (payload: unknown) => unknown> = {}, opening: ConstructorParameters<typeof SessionConnection>[2] = { target: 'mi-0123456789abcdef0' }) {
  const socket = new FakeSocket({
    [SESSION_EVENTS.start]: () => ({ ok: true, sessionId: SESSION_ID }),
    [SESSION_EVENTS.attach]: () => ATTACHED,
    ...answers,
  });
  const screen = new FakeScreen();
  const states: ConnectionState[] = [];
  const connection = new SessionConnection(socket, screen, opening, (state) => states.push(state));
  return { socket, screen, states, connection };
}

const output = (seq: number, text: string) => ({ sessionId: SESSION_ID, seq, data: new TextEncoder().encode(text).buffer });

describe('SessionConnection', () => {
  it('starts at the terminal size, then attaches from the first chunk', async () => {
    const { socket, connection } = setUp();
    socket.connect();
    await tick();
    expect(socket.requests).toEqual([
      { event: SESSION_EVENTS.start, payload: { target: 'mi-0123456789abcdef0', cols: 120, rows: 40 } },
      { event: SESSION_EVENTS.attach, payload: { sessionId: SESSION_ID, cols: 120, rows: 40, fromSeq: 0 } },
    ]);
    expect(connection.current).toMatchObject({ phase: 'live', sessionId: SESSION_ID, runAs: 'opsdeck-user', idleTimeoutSeconds: 1200 });
  });

  it('joins an existing session without starting one', async () => {
    const { socket } = setUp({}, { sessionId: SESSION_ID });
    socket.connect();
    await tick();
    expect(socket.requests.map((request) => request.event)).toEqual([SESSION_EVENTS.attach]);
  });

  it('writes output as bytes and acknowledges each chunk only once xterm has drawn it', async () => {
    const { socket, screen } = setUp();
    socket.connect();
    await tick();
    socket.fire(SESSION_EVENTS.output, output(0, '$ '));
    socket.fire(SESSION_EVENTS.output, output(1, 'echo é\r\n'));
    expect(screen.written).toEqual(['$ ', 'echo é\r\n']);
    expect(socket.sent(SESSION_EVENTS.ack)).toEqual([]);
    screen.draw();
    expect(socket.sent(SESSION_EVENTS.ack)).toEqual([{ sessionId: SESSION_ID, seq: 0 }, { sessionId: SESSION_ID, seq: 1 }]);
  });

  it('ignores output of other sessions', async () => {
    const { socket, screen } = setUp();
    socket.connect();
    await tick();
    socket.fire(SESSION_EVENTS.output, { ...output(0, 'x'), sessionId: 'bob-0123456789abcdef1' });
    expect(screen.written).toEqual([]);
  });

  it('re-attaches after a network drop from the chunk after the last one it had, and drops replayed duplicates', async () => {
    const { socket, screen, connection } = setUp();
    socket.connect();
    await tick();
    socket.fire(SESSION_EVENTS.output, output(0, 'a'));
    socket.fire(SESSION_EVENTS.output, output(1, 'b'));
    socket.drop();
    expect(connection.current.phase).toBe('reconnecting');
    socket.connect();
    await tick();
    expect(socket.requests.at(-1)).toEqual({ event: SESSION_EVENTS.attach, payload: { sessionId: SESSION_ID, cols: 120, rows: 40, fromSeq: 2 } });
    // Only one session: the reconnect does not start another.
    expect(socket.requests.filter((request) => request.event === SESSION_EVENTS.start)).toHaveLength(1);
    socket.fire(SESSION_EVENTS.output, output(1, 'b'));
    socket.fire(SESSION_EVENTS.output, output(2, 'c'));
    expect(screen.written.join('')).toBe('abc');
    expect(connection.current).toMatchObject({ phase: 'live', missedChunks: 0 });
  });

  it('counts output lost across a re-attach', async () => {
    const { socket, connection } = setUp();
    socket.connect();
    await tick();
    socket.fire(SESSION_EVENTS.output, output(0, 'a'));
    socket.fire(SESSION_EVENTS.output, output(4, 'e'));
    expect(connection.current.missedChunks).toBe(3);
  });

  it('sends a large paste as one input event', async () => {
    const { socket, connection } = setUp();
    socket.connect();
    await tick();
    const paste = 'echo hello world\n'.repeat(10_000);
    connection.input(paste);
    expect(socket.sent(SESSION_EVENTS.input)).toEqual([{ sessionId: SESSION_ID, data: paste }]);
  });

  it('holds keystrokes typed while reconnecting and sends them after the re-attach', async () => {
    const { socket, connection } = setUp();
    socket.connect();
    await tick();
    socket.drop();
    connection.input('l');
    connection.input('s\r');
    expect(socket.sent(SESSION_EVENTS.input)).toEqual([]);
    socket.connect();
    await tick();
    expect(socket.requests.map((request) => request.event)).toEqual([SESSION_EVENTS.start, SESSION_EVENTS.attach, SESSION_EVENTS.attach]);
    expect(socket.sent(SESSION_EVENTS.input)).toEqual([{ sessionId: SESSION_ID, data: 'ls\r' }]);
  });

  it('sends resizes only while attached (an attach carries the size itself)', async () => {
    const { socket, connection } = setUp();
    connection.resize(100, 30);
    socket.connect();
    await tick();
    connection.resize(90, 20);
    expect(socket.sent(SESSION_EVENTS.resize)).toEqual([{ sessionId: SESSION_ID, cols: 90, rows: 20 }]);
  });

  it('ends with the reason in words and takes no more input', async () => {
    const { socket, connection } = setUp();
    socket.connect();
    await tick();
    socket.fire(SESSION_EVENTS.status, { sessionId: SESSION_ID, status: 'Terminated', reason: 'terminated by admin' });
    expect(connection.current).toMatchObject({ phase: 'ended', status: 'Terminated', message: 'terminated by admin' });
    connection.input('x');
    expect(socket.sent(SESSION_EVENTS.input)).toEqual([]);
  });

  it('shows the idle warning until there is activity', async () => {
    const { socket, connection } = setUp();
    socket.connect();
    await tick();
    socket.fire(SESSION_EVENTS.idleWarning, { sessionId: SESSION_ID, secondsLeft: 60 });
    expect(connection.current.idleSecondsLeft).toBe(60);
    connection.input(' ');
    expect(connection.current.idleSecondsLeft).toBeUndefined();
  });

  it('says why a start was refused', async () => {
    const { socket, connection } = setUp({ [SESSION_EVENTS.start]: () => ({ ok: false, error: 'AccessDeniedException', message: 'you may not start sessions on mi-0123456789abcdef0' }) });
    socket.connect();
    await tick();
    expect(connection.current).toMatchObject({ phase: 'failed', message: 'you may not start sessions on mi-0123456789abcdef0' });
  });

  it('treats a refused re-attach of a finished session as ended, not as an error', async () => {
    const { socket, connection } = setUp({ [SESSION_EVENTS.attach]: () => ({ ok: false, error: 'InvalidSession', message: `session ${SESSION_ID} has ended and cannot be resumed` }) }, { sessionId: SESSION_ID });
    socket.connect();
    await tick();
    expect(connection.current).toMatchObject({ phase: 'ended', message: `session ${SESSION_ID} has ended and cannot be resumed` });
  });

  it('tries the attach again while the node is still opening the session', async () => {
    let refusals = 2;
    const { socket, connection } = setUp({
      [SESSION_EVENTS.attach]: () => (refusals-- > 0 ? { ok: false, error: 'InvalidSession', message: `session ${SESSION_ID} is still starting` } : ATTACHED),
    });
    socket.connect();
    await expect.poll(() => connection.current.phase, { timeout: 3000 }).toBe('live');
    expect(socket.requests.filter((request) => request.event === SESSION_EVENTS.attach)).toHaveLength(3);
  });

  it('says why an attach was refused', async () => {
    const { socket, connection } = setUp({ [SESSION_EVENTS.attach]: () => ({ ok: false, error: 'AccessDeniedException', message: `Session ${SESSION_ID} belongs to bob; only its owner may attach to it` }) }, { sessionId: SESSION_ID });
    socket.connect();
    await tick();
    expect(connection.current).toMatchObject({ phase: 'failed', message: expect.stringContaining('only its owner may attach') });
  });

  it('says so when signed out, since socket.io does not retry a refused handshake', async () => {
    const { socket, connection } = setUp();
    socket.active = false;
    socket.fire('connect_error', new Error('UnrecognizedClientException'));
    expect(connection.current).toMatchObject({ phase: 'failed', message: expect.stringContaining('signed out') });
  });

  it('detaches (leaving the shell running) and closes the socket when the tab closes', async () => {
    const { socket, connection } = setUp();
    socket.connect();
    await tick();
    connection.close();
    expect(socket.sent(SESSION_EVENTS.detach)).toEqual([{ sessionId: SESSION_ID }]);
    expect(socket.closed).toBe(true);
  });
});
