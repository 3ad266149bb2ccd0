import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '@/db/embedded';

export const SSHD = '/usr/sbin/sshd';

/**
 * OpenSSH from Debian, for the SSH-through-Session-Manager test and the latency benchmark's
 * baseline. `npm test` installs it (run-suite.ts); this installs it too when a test or bench runs
 * alone on a fresh machine.
 */
export function ensureOpenSsh(): void {
  if (fs.existsSync(SSHD) && fs.existsSync('/usr/bin/ssh') && fs.existsSync('/usr/bin/ssh-keygen')) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args: string[]) => {
    const [command, ...rest] = [...sudo, 'apt-get', ...args];
    const result = spawnSync(command!, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
  };
  apt('update', '-qq');
  apt('install', '-y', '-qq', 'openssh-server', 'openssh-client');
}

export interface TestSshd {
  port: number;
  /** The client's private key, authorised for the current user. */
  keyPath: string;
  user: string;
  stop(): Promise<void>;
}

/**
 * An sshd of our own on a free loopback port: generated host key, one authorised client key, all
 * in `dir`, in the foreground (-D) so stopping it is killing one process.
 */
export async function startTestSshd(dir: string): Promise<TestSshd> {
  ensureOpenSsh();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const hostKey = path.join(dir, 'host_ed25519');
  const keyPath = path.join(dir, 'client_ed25519');
  for (const key of [hostKey, keyPath]) {
    if (!fs.existsSync(key)) spawnSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key], { stdio: 'ignore' });
  }
  const authorized = path.join(dir, 'authorized_keys');
  fs.copyFileSync(`${keyPath}.pub`, authorized);
  fs.chmodSync(authorized, 0o600);
  // sshd insists on its privilege-separation directory.
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await findFreePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'LogLevel ERROR',
    ].join('\n') + '\n',
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const probe = () => {
      if (child.exitCode !== null) return reject(new Error(`sshd exited: ${errors}`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => (Date.now() > deadline ? reject(new Error(`sshd did not listen: ${errors}`)) : setTimeout(probe, 100)));
    };
    probe();
  });
  return {
    port,
    keyPath,
    user: os.userInfo().username,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
