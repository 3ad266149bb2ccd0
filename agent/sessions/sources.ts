import fs from 'node:fs';
import net from 'node:net';
import * as pty from 'node-pty';
import type { RunAsUser } from './run-as';
import { sessionEnvironment } from './run-as';

/** Where a session's bytes come from and go to: a PTY, or a TCP connection for port forwarding. */
export interface SessionSource {
  /** `taken` runs once the bytes are handed over (the kernel accepted them), for input flow control. */
  write(data: Buffer, taken?: () => void): void;
  resize(cols: number, rows: number): void;
  /** Stop reading (flow control): a PTY's writer blocks, a TCP sender is throttled by TCP itself. */
  pause(): void;
  resume(): void;
  kill(): void;
  onData(listener: (data: Buffer) => void): void;
  onEnd(listener: (end: { reason: string; exitCode?: number }) => void): void;
}

export interface PtyOptions {
  user: RunAsUser;
  cols: number;
  rows: number;
  /** Run this with `<shell> -c` instead of an interactive login shell. */
  command?: string;
  shellProfile?: string;
  env?: Record<string, string>;
}

/**
 * A real PTY (node-pty) running the user's login shell, or one command. It starts at the
 * client's size, so the first prompt is drawn right.
 */
export function openPty(options: PtyOptions): SessionSource {
  const { user } = options;
  const program = options.command === undefined ? [user.shell, '-l'] : [user.shell, '-c', options.command];
  const argv = [...user.switchPrefix, ...program];
  const child = pty.spawn(argv[0]!, argv.slice(1), {
    name: 'xterm-256color',
    cols: options.cols,
    rows: options.rows,
    cwd: user.home,
    env: sessionEnvironment(user, options.env),
    // Bytes, not strings: the output is relayed and recorded exactly, whatever its encoding.
    encoding: null,
  });
  // AWS types the shell profile into the shell as the session starts; so do we, so it runs in
  // the user's own shell with its aliases and functions.
  if (options.command === undefined && options.shellProfile?.trim()) child.write(`${options.shellProfile.replace(/\r?\n/g, '\r')}\r`);
  let hasEnded = false;
  const drain = holdUntilDrained(child);
  return {
    write: (data, taken) => {
      child.write(data);
      // node-pty queues writes internally and offers no callback; its queue drains as fast as the
      // PTY takes input, which is what a terminal's own typing speed never exceeds.
      if (taken) setImmediate(taken);
    },
    resize: (cols, rows) => {
      if (!hasEnded) child.resize(cols, rows);
    },
    pause: () => {
      if (!drain.hasExited) child.pause();
    },
    resume: () => child.resume(),
    kill: () => {
      // SIGHUP is what a terminal's hangup sends: shells pass it on to their jobs.
      if (!hasEnded) child.kill('SIGHUP');
    },
    onData: (listener) =>
      child.onData((data) => {
        drain.noteData();
        listener(Buffer.isBuffer(data) ? data : Buffer.from(data as unknown as string));
      }),
    onEnd: (listener) =>
      child.onExit(({ exitCode, signal }) => {
        hasEnded = true;
        listener({ reason: signal ? `the shell ended on signal ${signal}` : `the shell exited with code ${exitCode}`, exitCode });
      }),
  };
}

interface NodePtyInternals {
  on(event: 'newListener', listener: (name: string) => void): void;
  _boundClose?: boolean;
  _pty?: string;
  _socket?: { destroy(...args: unknown[]): unknown };
}

/** Quiet time after the exit that means the kernel has handed over everything. */
const DRAIN_QUIET_MS = 40;
const DRAIN_LIMIT_MS = 3000;

/**
 * Keeps the last output of a program that exits. Linux may answer the master's read with EIO as
 * soon as the last slave descriptor closes, even with output still in its buffers, and node-pty
 * also destroys its read stream 200 ms after the exit: together they lose the final kilobytes
 * (seen in tests: `head -c 2000000 ...; echo END` lost its END one run in three). So the agent
 * holds the slave open itself; after the exit it reads freely (ignoring flow control) until the
 * stream has been quiet for a moment, then lets go of the slave and lets node-pty close.
 */
function holdUntilDrained(child: pty.IPty): { readonly hasExited: boolean; noteData(): void } {
  const internals = child as unknown as NodePtyInternals;
  let slave: number | undefined;
  try {
    if (internals._pty) slave = fs.openSync(internals._pty, fs.constants.O_RDWR | fs.constants.O_NOCTTY);
  } catch {
    slave = undefined;
  }
  const state = { hasExited: false, lastDataAt: Date.now() };
  const release = () => {
    if (slave === undefined) return;
    fs.closeSync(slave);
    slave = undefined;
  };
  // node-pty's exit handler adds a 'close' listener with `_boundClose` set: that is the exit.
  internals.on('newListener', (name) => {
    if (name !== 'close' || !internals._boundClose || state.hasExited) return;
    state.hasExited = true;
    child.resume();
    const socket = internals._socket;
    if (!socket) return release();
    const destroy = socket.destroy.bind(socket);
    socket.destroy = (...args: unknown[]) => {
      const exitedAt = Date.now();
      const poll = setInterval(() => {
        if (Date.now() - state.lastDataAt < DRAIN_QUIET_MS && Date.now() - exitedAt < DRAIN_LIMIT_MS) return;
        clearInterval(poll);
        release();
        // Closing the slave ends the stream with EIO by itself; destroy in case something else holds it.
        setTimeout(() => destroy(...args), 50);
      }, 10);
      return socket;
    };
  });
  return {
    get hasExited() {
      return state.hasExited;
    },
    noteData: () => (state.lastDataAt = Date.now()),
  };
}

/**
 * Port forwarding: an outbound TCP connection from the node to host:port. Nothing listens on the
 * node; the client's local listener is at the other end of the session.
 */
export function openTcp(host: string, port: number): Promise<SessionSource> {
  return new Promise((resolve, reject) => {
    // 'localhost' may resolve to ::1 first while the service listens on 127.0.0.1 only: try both families.
    const socket = net.connect({ host, port, autoSelectFamily: true });
    socket.setNoDelay(true);
    const onError = (error: Error) => reject(error);
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      let endReason = 'the remote end closed the connection';
      socket.on('error', (error) => (endReason = `the connection to ${host}:${port} failed: ${error.message}`));
      resolve({
        write: (data, taken) => void socket.write(data, () => taken?.()),
        resize: () => {},
        pause: () => socket.pause(),
        resume: () => socket.resume(),
        kill: () => socket.destroy(),
        onData: (listener) => socket.on('data', listener),
        onEnd: (listener) => socket.once('close', () => listener({ reason: endReason })),
      });
    });
  });
}
