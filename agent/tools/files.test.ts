import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DIRECTORY_ENTRIES, TEXT_FILE_LIMIT_BYTES } from '../protocol';
import { ToolFailure } from './errors';
import { FileTools } from './files';

let root: string;
let stateDir: string;
let tools: FileTools;

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ToolFailure) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-files-')));
  stateDir = path.join(root, 'agent-state');
  fs.mkdirSync(stateDir, { mode: 0o700 });
  fs.writeFileSync(path.join(stateDir, 'registration.json'), '{"secret":"s3cr3t"}', { mode: 0o600 });
  fs.mkdirSync(path.join(root, 'docs'));
  fs.writeFileSync(path.join(root, 'docs', 'hello.txt'), 'hello, node\n');
  fs.writeFileSync(path.join(root, 'docs', 'binary.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
  fs.symlinkSync(path.join(root, 'docs', 'hello.txt'), path.join(root, 'link-to-hello'));
  fs.symlinkSync(path.join(root, 'docs'), path.join(root, 'link-to-docs'));
  fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling'));
  // The attack: a link planted somewhere innocent that points at the agent's secret.
  fs.symlinkSync(path.join(stateDir, 'registration.json'), path.join(root, 'docs', 'innocent.txt'));
  fs.symlinkSync(stateDir, path.join(root, 'state-link'));
  execFileSync('mkfifo', [path.join(root, 'pipe')]);
  const big = fs.openSync(path.join(root, 'big.log'), 'w');
  fs.ftruncateSync(big, TEXT_FILE_LIMIT_BYTES + 1);
  fs.closeSync(big);
  tools = new FileTools([stateDir]);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('directory listing', () => {
  it('lists folders first, with type, size, mode, owner and symlink targets', async () => {
    const listing = await tools.list({ path: root });
    expect(listing.truncated).toBe(false);
    const names = listing.entries.map((entry) => entry.name);
    // link-to-docs points at a folder, so it sorts among the folders.
    expect(names.slice(0, 3)).toEqual(['agent-state', 'docs', 'link-to-docs']);
    const hello = (await tools.list({ path: path.join(root, 'docs') })).entries.find((entry) => entry.name === 'hello.txt')!;
    const helloMode = fs.statSync(path.join(root, 'docs', 'hello.txt')).mode & 0o7777;
    expect(hello).toMatchObject({ type: 'file', size: 12, mode: helloMode, uid: process.getuid!(), owner: os.userInfo().username });
    const link = listing.entries.find((entry) => entry.name === 'link-to-hello')!;
    expect(link).toMatchObject({ type: 'symlink', linkTarget: path.join(root, 'docs', 'hello.txt'), targetType: 'file' });
    expect(listing.entries.find((entry) => entry.name === 'dangling')).toMatchObject({ type: 'symlink', targetType: 'missing' });
    expect(listing.entries.find((entry) => entry.name === 'pipe')).toMatchObject({ type: 'fifo' });
  });

  it('reports where a symlinked folder really is', async () => {
    const listing = await tools.list({ path: path.join(root, 'link-to-docs') });
    expect(listing.path).toBe(path.join(root, 'link-to-docs'));
    expect(listing.realPath).toBe(path.join(root, 'docs'));
  });

  it('caps a huge folder and says it is truncated', async () => {
    const crowd = path.join(root, 'crowd');
    fs.mkdirSync(crowd);
    for (let index = 0; index < MAX_DIRECTORY_ENTRIES + 25; index += 1) fs.writeFileSync(path.join(crowd, `f${index}`), '');
    const listing = await tools.list({ path: crowd });
    expect(listing.total).toBe(MAX_DIRECTORY_ENTRIES + 25);
    expect(listing.entries.length).toBeLessThanOrEqual(MAX_DIRECTORY_ENTRIES);
    expect(listing.truncated).toBe(true);
  });

  it('says a file is not a directory, and a missing path is missing', async () => {
    expect(await failure(tools.list({ path: path.join(root, 'docs', 'hello.txt') }))).toMatchObject({ code: 'NotADirectory' });
    expect(await failure(tools.list({ path: path.join(root, 'missing') }))).toMatchObject({ code: 'FileNotFound', message: `${path.join(root, 'missing')} does not exist on the node` });
  });
});

describe('reading files', () => {
  it('reads a text file with its size, and follows a symlink, reporting where it led', async () => {
    const chunk = await tools.read({ path: path.join(root, 'link-to-hello'), offset: 0, length: 4096, purpose: 'view' });
    expect(Buffer.from(chunk.data, 'base64').toString()).toBe('hello, node\n');
    expect(chunk).toMatchObject({ size: 12, eof: true, path: path.join(root, 'link-to-hello'), realPath: path.join(root, 'docs', 'hello.txt') });
  });

  it('reads in chunks from an offset', async () => {
    const chunk = await tools.read({ path: path.join(root, 'docs', 'hello.txt'), offset: 7, length: 4, purpose: 'download' });
    expect(Buffer.from(chunk.data, 'base64').toString()).toBe('node');
    expect(chunk.eof).toBe(false);
  });

  it('refuses the agent\'s own credentials, directly, through a planted symlink, or through a linked folder', async () => {
    for (const target of [path.join(stateDir, 'registration.json'), path.join(root, 'docs', 'innocent.txt'), path.join(root, 'state-link', 'registration.json')]) {
      const refused = await failure(tools.read({ path: target, offset: 0, length: 4096, purpose: 'download' }));
      expect(refused.code, target).toBe('ProtectedPath');
      expect(refused.message).not.toContain('s3cr3t');
    }
    expect(await failure(tools.list({ path: path.join(root, 'state-link') }))).toMatchObject({ code: 'ProtectedPath' });
  });

  it('refuses to view a binary file but lets it be downloaded', async () => {
    expect(await failure(tools.read({ path: path.join(root, 'docs', 'binary.bin'), offset: 0, length: 4096, purpose: 'view' }))).toMatchObject({
      code: 'BinaryFile',
      message: `${path.join(root, 'docs', 'binary.bin')} is not a text file (it contains NUL bytes); download it instead`,
    });
    const chunk = await tools.read({ path: path.join(root, 'docs', 'binary.bin'), offset: 0, length: 4096, purpose: 'download' });
    expect(Buffer.from(chunk.data, 'base64')).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
  });

  it('refuses to view a file over the viewer limit, naming its size', async () => {
    const refused = await failure(tools.read({ path: path.join(root, 'big.log'), offset: 0, length: 4096, purpose: 'view' }));
    expect(refused).toMatchObject({ code: 'FileTooLarge' });
    expect(refused.message).toContain('is 1.0 MiB; the viewer shows text files up to 1.0 MiB, download it instead');
  });

  it('refuses devices and pipes, which may never end or block for ever', async () => {
    expect(await failure(tools.read({ path: '/dev/zero', offset: 0, length: 4096, purpose: 'download' }))).toMatchObject({ code: 'NotARegularFile' });
    const started = Date.now();
    expect(await failure(tools.read({ path: path.join(root, 'pipe'), offset: 0, length: 4096, purpose: 'view' }))).toMatchObject({ code: 'NotARegularFile' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a directory, relative paths and NUL bytes before touching the disk', async () => {
    expect(await failure(tools.read({ path: root, offset: 0, length: 10, purpose: 'view' }))).toMatchObject({ code: 'IsADirectory' });
    expect(await failure(tools.read({ path: '../../etc/shadow', offset: 0, length: 10, purpose: 'view' }))).toMatchObject({ code: 'ValidationException' });
    expect(await failure(tools.read({ path: `${path.join(root, 'docs', 'hello.txt')}\0.png`, offset: 0, length: 10, purpose: 'view' }))).toMatchObject({
      code: 'ValidationException',
      message: 'the path contains a NUL byte',
    });
  });

  it('reads /proc files, which report size 0 yet have content', async () => {
    const chunk = await tools.read({ path: '/proc/self/status', offset: 0, length: 64 * 1024, purpose: 'view' });
    expect(Buffer.from(chunk.data, 'base64').toString()).toMatch(/^Name:/);
    expect(chunk.size).toBe(0);
    expect(chunk.eof).toBe(true);
  });
});
