import { spawn } from 'node:child_process';
import type { RunAsUser } from './run-as';

/**
 * File transfer through a session, as the session's OS user: `dd` started as that user (through
 * the same privilege drop as the shell), so the node's own permissions decide what may be read or
 * written, not the agent's root rights. The path travels as one argv element of dd (`of=PATH`),
 * never through a shell, and was checked absolute and normalised by nodePathSchema.
 */

export class FileTransferError extends Error {
  constructor(
    readonly code: 'FileNotFound' | 'NodePermissionDenied' | 'IsADirectory' | 'ToolFailed',
    message: string,
  ) {
    super(message);
  }
}

function classify(path: string, stderr: string): FileTransferError {
  const text = stderr.trim().replace(/^dd: /, '');
  if (/No such file or directory/.test(text)) return new FileTransferError('FileNotFound', `${path}: no such file or directory on the node`);
  if (/Permission denied|Operation not permitted/.test(text)) return new FileTransferError('NodePermissionDenied', `${path}: permission denied for the session's user`);
  if (/Is a directory/.test(text)) return new FileTransferError('IsADirectory', `${path} is a directory`);
  return new FileTransferError('ToolFailed', `${path}: ${text || 'dd failed'}`);
}

/** dd needs nothing of the agent's environment (which may hold its secrets). */
const CHILD_ENV: NodeJS.ProcessEnv = Object.assign(Object.create(null) as NodeJS.ProcessEnv, { PATH: '/usr/bin:/bin', LANG: 'C' });

function runDd(user: RunAsUser, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const argv = [...user.switchPrefix, 'dd', ...args, 'status=none'];
    const child = spawn(argv[0]!, argv.slice(1), { cwd: '/', env: { ...CHILD_ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(stderr || `dd exited with ${code}`))));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

/** Writes `data` at `offset`; the first chunk creates or truncates the file. */
export async function writeFileChunk(user: RunAsUser, path: string, offset: number, data: Buffer, isFirst: boolean): Promise<void> {
  const args = [`of=${path}`, 'bs=65536', `seek=${offset}`, 'oflag=seek_bytes'];
  if (!isFirst) args.push('conv=notrunc');
  await runDd(user, args, data).catch((error: Error) => Promise.reject(classify(path, error.message)));
}

/** Reads up to `length` bytes at `offset`; `eof` when fewer came back. */
export async function readFileChunk(user: RunAsUser, path: string, offset: number, length: number): Promise<{ data: Buffer; eof: boolean }> {
  const data = await runDd(user, [`if=${path}`, 'bs=65536', `skip=${offset}`, `count=${length}`, 'iflag=skip_bytes,count_bytes']).catch((error: Error) =>
    Promise.reject(classify(path, error.message)),
  );
  return { data, eof: data.length < length };
}
