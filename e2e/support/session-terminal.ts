import { io, type Socket } from 'socket.io-client';

/**
 * A browser tab's end of Session Manager without the browser: the /console socket with the
 * sign-in cookie, speaking server/sessions/console-contract.ts. Output is collected per session
 * as bytes and acknowledged as xterm's write callback would.
 */
export class SessionTerminal {
  readonly socket: Socket;
  readonly output = new Map<string, Buffer[]>();
  readonly lastSeq = new Map<string, number>();
  readonly statuses: { sessionId: string; status: string; reason?: string }[] = [];
  readonly idleWarnings: { sessionId: string; secondsLeft: number }[] = [];
  isAcking = true;

  constructor(baseUrl: string, cookie: string) {
    this.socket = io(`${baseUrl}/console`, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    this.socket.on('session:output', (event: { sessionId: string; seq: number; data: Buffer }) => {
      const last = this.lastSeq.get(event.sessionId) ?? -1;
      if (event.seq <= last) return;
      if (event.seq !== last + 1) throw new Error(`output ${event.seq} after ${last}: a gap`);
      this.lastSeq.set(event.sessionId, event.seq);
      const chunks = this.output.get(event.sessionId) ?? [];
      chunks.push(Buffer.from(event.data));
      this.output.set(event.sessionId, chunks);
      if (this.isAcking) this.socket.emit('session:ack', { sessionId: event.sessionId, seq: event.seq });
    });
    this.socket.on('session:status', (event: { sessionId: string; status: string; reason?: string }) => this.statuses.push(event));
    this.socket.on('session:idle-warning', (event: { sessionId: string; secondsLeft: number }) => this.idleWarnings.push(event));
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  request<T = { ok: boolean; error?: string; message?: string }>(event: string, payload: unknown): Promise<T> {
    return this.socket.timeout(30_000).emitWithAck(event, payload) as Promise<T>;
  }

  async start(target: string, options: { cols?: number; rows?: number; documentName?: string; parameters?: Record<string, string[]> } = {}) {
    return this.request<{ ok: boolean; sessionId?: string; error?: string; message?: string }>('session:start', { target, cols: options.cols ?? 80, rows: options.rows ?? 24, documentName: options.documentName, parameters: options.parameters });
  }

  async attach(sessionId: string, options: { cols?: number; rows?: number; fromSeq?: number } = {}) {
    const answer = await this.request<{ ok: boolean; error?: string; message?: string; runAs?: string }>('session:attach', {
      sessionId,
      cols: options.cols ?? 80,
      rows: options.rows ?? 24,
      fromSeq: options.fromSeq ?? (this.lastSeq.get(sessionId) ?? -1) + 1,
    });
    if (!answer.ok) throw new Error(`attach ${sessionId}: ${answer.error}: ${answer.message}`);
    return answer;
  }

  /** Starts and attaches: a session ready for typing. */
  async open(target: string, options: { cols?: number; rows?: number; documentName?: string; parameters?: Record<string, string[]> } = {}): Promise<string> {
    const started = await this.start(target, options);
    if (!started.ok) throw new Error(`start: ${started.error}: ${started.message}`);
    await this.attach(started.sessionId!, options);
    return started.sessionId!;
  }

  type(sessionId: string, text: string): void {
    this.socket.emit('session:input', { sessionId, data: text });
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.socket.emit('session:resize', { sessionId, cols, rows });
  }

  bytes(sessionId: string): Buffer {
    return Buffer.concat(this.output.get(sessionId) ?? []);
  }

  text(sessionId: string): string {
    return this.bytes(sessionId).toString('utf8');
  }

  async waitForText(sessionId: string, pattern: RegExp | string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const matches = () => (typeof pattern === 'string' ? this.text(sessionId).includes(pattern) : pattern.test(this.text(sessionId)));
    while (!matches()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)} in session ${sessionId}; got:\n${JSON.stringify(this.text(sessionId).slice(-2000))}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async waitForEnd(sessionId: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ended = this.statuses.find((status) => status.sessionId === sessionId && (status.status === 'Terminated' || status.status === 'Failed'));
      if (ended) return ended;
      if (Date.now() > deadline) throw new Error(`session ${sessionId} did not end within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}
