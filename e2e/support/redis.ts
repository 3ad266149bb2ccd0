import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { findFreePort } from '@/db/embedded';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** Debian's Redis, for the tests of several replicas (the socket.io Redis adapter); installed when missing. */
export function ensureRedis(): void {
  if (fs.existsSync(REDIS_SERVER)) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'redis-server']]) {
    const [command, ...rest] = [...sudo, 'apt-get', ...args];
    const result = spawnSync(command!, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
  }
}

/** A throw-away Redis on a free loopback port, nothing persisted. */
export async function startTestRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  ensureRedis();
  const port = await findFreePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const isUp = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (isUp) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
