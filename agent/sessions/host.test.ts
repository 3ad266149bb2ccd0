import net from 'node:net';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionClosed, SessionOutput } from '../protocol';
import { SessionHost } from './host';

/** A fake server end: collects output in order, can drop and come back. */
function recorder() {
  const outputs: SessionOutput[] = [];
  const closed: SessionClosed[] = [];
  const inputAcks: number[] = [];
  let isConnected = true;
  return {
    outputs,
    closed,
    inputAcks,
    text: () => Buffer.concat(outputs.map((output) => Buffer.from(output.data))).toString(),
    setConnected: (value: boolean) => (isConnected = value),
    sender: {
      output: (chunk: SessionOutput) => (isConnected ? (outputs.push(chunk), true) : false),
      closed: (notice: SessionClosed) => (isConnected ? (closed.push(notice), true) : false),
      inputAck: (ack: { seq: number }) => (inputAcks.push(ack.seq), true),
    },
  };
}

async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const me = os.userInfo().username;
const hosts: SessionHost[] = [];
afterEach(() => hosts.splice(0).forEach((host) => host.closeAll()));

describe('SessionHost with a real PTY', () => {
  it('runs a shell, resizes it, and reports its exit', async () => {
    const server = recorder();
    const host = new SessionHost(server.sender);
    hosts.push(host);
    const opened = await host.open({ sessionId: 'test-00000000000000001', kind: 'shell', runAs: process.getuid?.() === 0 ? 'root' : me, cols: 80, rows: 24 });
    expect(opened).toMatchObject({ ok: true });
    host.input({ sessionId: 'test-00000000000000001', data: Buffer.from('echo $((6*7))\r') });
    await until('42', () => /\r42\r\n/.test(server.text()));
    host.resize({ sessionId: 'test-00000000000000001', cols: 132, rows: 40 });
    host.input({ sessionId: 'test-00000000000000001', data: Buffer.from('stty size\r') });
    await until('40 132', () => server.text().includes('40 132'));
    host.input({ sessionId: 'test-00000000000000001', data: Buffer.from('exit 3\r') });
    await until('closed', () => server.closed.length === 1);
    expect(server.closed[0]).toMatchObject({ exitCode: 3, lastSeq: server.outputs.at(-1)!.seq });
  });

  it('keeps output while the server is away and replays it from the sequence number asked', async () => {
    const server = recorder();
    const host = new SessionHost(server.sender);
    hosts.push(host);
    const sessionId = 'test-00000000000000002';
    await host.open({ sessionId, kind: 'command', command: 'read line; echo "got $line"; sleep 30', runAs: process.getuid?.() === 0 ? 'root' : me, cols: 80, rows: 24 });
    await until('the command to start', () => server.outputs.length >= 0);
    server.setConnected(false);
    host.disconnected();
    host.input({ sessionId, data: Buffer.from('missed\r') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = server.outputs.length;
    server.setConnected(true);
    expect(host.reattach({ sessionId, fromSeq: seen })).toEqual({ ok: true });
    await until('the replayed output', () => server.text().includes('got missed'));
    expect(server.outputs.map((output) => output.seq)).toEqual(server.outputs.map((_, index) => index));
  });

  it('pauses a fast writer when the window is full and resumes on acks, losing nothing', async () => {
    const server = recorder();
    const host = new SessionHost(server.sender, 64 * 1024);
    hosts.push(host);
    const sessionId = 'test-00000000000000003';
    await host.open({ sessionId, kind: 'command', command: 'head -c 2000000 /dev/zero | tr "\\0" x; echo; echo END', runAs: process.getuid?.() === 0 ? 'root' : me, cols: 80, rows: 24 });
    await until('the window to fill', () => server.outputs.reduce((sum, output) => sum + output.data.byteLength, 0) >= 64 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const held = server.outputs.reduce((sum, output) => sum + output.data.byteLength, 0);
    // Paused: no more than one window (plus what one read turn brought) was sent unacknowledged.
    expect(held).toBeLessThan(64 * 1024 + 300 * 1024);
    let acked = -1;
    await until('all the output', () => {
      const last = server.outputs.at(-1)?.seq ?? -1;
      if (last > acked) host.ack({ sessionId, seq: (acked = last) });
      return server.text().includes('END');
    }, 30_000);
    expect(server.text().split('x').length - 1).toBe(2_000_000);
  });

  it('forwards a port to a TCP server over an outbound connection', async () => {
    const echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const port = (echo.address() as net.AddressInfo).port;
    const server = recorder();
    const host = new SessionHost(server.sender);
    hosts.push(host);
    const sessionId = 'test-00000000000000004';
    expect(await host.open({ sessionId, kind: 'port', host: '127.0.0.1', port, runAs: me, cols: 80, rows: 24 })).toMatchObject({ ok: true });
    host.input({ sessionId, data: Buffer.from([0, 1, 2, 255, 10]), seq: 7 });
    await until('the echo', () => server.outputs.length > 0);
    expect([...Buffer.from(server.outputs[0]!.data)]).toEqual([0, 1, 2, 255, 10]);
    // Input flow control: the connection took the bytes.
    await until('the input ack', () => server.inputAcks.length > 0);
    expect(server.inputAcks).toEqual([7]);
    host.close({ sessionId });
    echo.close();
  });

  it('closes the sessions a restarted server no longer knows', async () => {
    const server = recorder();
    const host = new SessionHost(server.sender);
    hosts.push(host);
    const runAs = process.getuid?.() === 0 ? 'root' : me;
    await host.open({ sessionId: 'test-00000000000000007', kind: 'shell', runAs, cols: 80, rows: 24 });
    await host.open({ sessionId: 'test-00000000000000008', kind: 'shell', runAs, cols: 80, rows: 24 });
    host.known({ sessionIds: ['test-00000000000000008'] });
    expect(host.count).toBe(1);
    expect(host.reattach({ sessionId: 'test-00000000000000007', fromSeq: 0 })).toMatchObject({ ok: false, error: 'SessionNotFound' });
  });

  it('refuses a run-as user that does not exist (as root) and a port nobody listens on', async () => {
    const host = new SessionHost(recorder().sender);
    hosts.push(host);
    if (process.getuid?.() === 0) {
      expect(await host.open({ sessionId: 'test-00000000000000005', kind: 'shell', runAs: 'no-such-user-x', cols: 80, rows: 24 })).toMatchObject({ ok: false, error: 'RunAsUserNotFound' });
    }
    expect(await host.open({ sessionId: 'test-00000000000000006', kind: 'port', port: 1, runAs: me, cols: 80, rows: 24 })).toMatchObject({ ok: false, error: 'SessionStartFailed' });
  });
});
