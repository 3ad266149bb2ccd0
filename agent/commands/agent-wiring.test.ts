import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../agent';
import type { CommandOutput, CommandResult, NodeMetadata } from '../protocol';
import { NODE_ID, commandRun, removeTempDirs, shellStep, tempDir, waitUntil } from './testing';

const metadata: NodeMetadata = {
  computerName: 'wiring-test',
  platformType: 'Linux',
  platformName: 'Debian',
  platformVersion: '12',
  kernelVersion: '6.1',
  architecture: 'x86_64',
  ipAddresses: [],
  agentVersion: '0.0.0',
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  removeTempDirs();
});

/** A bare socket.io /agent namespace: just enough server to check how the Agent speaks Run Command. */
async function bareServer() {
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  const chunks: CommandOutput[] = [];
  const results: CommandResult[] = [];
  const sockets: Socket[] = [];
  const state = { isRefusing: false };
  const namespace = io.of('/agent');
  namespace.use((_socket, next) => next(state.isRefusing ? new Error('ServerBusy') : undefined));
  namespace.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('command:output', (chunk: CommandOutput, ack: () => void) => {
      chunks.push(chunk);
      ack();
    });
    socket.on('command:result', (result: CommandResult, ack: (answer: unknown) => void) => {
      results.push(result);
      ack({ stored: true });
    });
    socket.emit('welcome', { nodeId: NODE_ID, heartbeatSeconds: 30 });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return { io, url, chunks, results, sockets, state };
}

describe('Agent: Run Command over socket.io', () => {
  it('acks command:run, streams binary output, and re-sends a result that finished while offline after the reconnect', async () => {
    const server = await bareServer();
    const stateDir = tempDir('wiring');
    const agent = new Agent({ serverUrl: server.url, nodeId: NODE_ID, secret: 'x'.repeat(40), registeredAt: new Date().toISOString() }, () => metadata, { stateDir });
    cleanups.push(() => agent.stop());
    agent.start();
    await waitUntil('the agent to connect', () => server.sockets.length === 1);

    const run = commandRun([shellStep('hello', ['printf "\\000\\377hi"', 'sleep 1', 'echo done'])]);
    expect(await server.sockets[0]!.timeout(5_000).emitWithAck('command:run', run)).toEqual({ accepted: true });
    await waitUntil('the first chunk', () => server.chunks.length > 0, 5_000);
    expect(Buffer.from(server.chunks[0]!.data)).toEqual(Buffer.from([0x00, 0xff, 0x68, 0x69]));

    // Offline while the script finishes: nothing may queue up in socket.io; the outbox holds the result.
    server.state.isRefusing = true;
    server.sockets[0]!.disconnect(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(server.results).toHaveLength(0);
    server.state.isRefusing = false;
    await waitUntil('the reconnect and the re-sent result', () => server.results.length > 0, 15_000);
    expect(server.results).toHaveLength(1);
    expect(server.results[0]).toMatchObject({ invocationId: run.invocationId, status: 'Success' });
    expect(server.results[0]!.plugins[0]!.stdoutBytes).toBe(9);
    expect(server.results[0]!.tail.map((tail) => Buffer.from(tail.data).toString())).toEqual(['done\n']);

    expect(await server.sockets[1]!.timeout(5_000).emitWithAck('command:cancel', { invocationId: run.invocationId })).toEqual({ found: false });
    await waitUntil('the acked log', () => !fs.existsSync(path.join(stateDir, 'commands', run.invocationId)), 5_000);
  });
});
