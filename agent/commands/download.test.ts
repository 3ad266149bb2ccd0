import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandStep } from '../protocol';
import { CommandExecutor } from './executor';
import { FakeServer, NODE_ID, commandRun, shellStep, tempDir, removeTempDirs } from './testing';

const PAYLOAD = Buffer.from([0x00, 0xff, 0x10, 0x41, 0x0a]);
let server: http.Server;
let baseUrl = '';

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/files/tool.bin') return void response.end(PAYLOAD);
    if (request.url === '/slow') return void setTimeout(() => response.end('late'), 5_000);
    response.statusCode = 404;
    response.end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const executors: CommandExecutor[] = [];
afterEach(async () => {
  await Promise.all(executors.splice(0).map((executor) => executor.close()));
  removeTempDirs();
});

function setup() {
  const fake = new FakeServer();
  const executor = new CommandExecutor({ stateDir: tempDir('download'), nodeId: NODE_ID, platformType: 'Linux', send: fake.send });
  executors.push(executor);
  return { fake, executor };
}

const download = (name: string, inputs: Record<string, unknown>): CommandStep => ({ name, action: 'aws:downloadContent', inputs });

describe('aws:downloadContent', () => {
  it('downloads over HTTP to an absolute destinationPath, a folder, or the work dir (sourceInfo as object or JSON string)', async () => {
    const { fake, executor } = setup();
    const dir = tempDir('download-target');
    const run = commandRun([
      download('to-file', { sourceType: 'HTTP', sourceInfo: { url: `${baseUrl}/files/tool.bin` }, destinationPath: path.join(dir, 'nested', 'tool-copy.bin') }),
      download('to-folder', { sourceType: 'HTTP', sourceInfo: JSON.stringify({ url: `${baseUrl}/files/tool.bin` }), destinationPath: `${dir}/` }),
      download('to-work-dir', { sourceType: 'HTTP', sourceInfo: { url: `${baseUrl}/files/tool.bin` }, destinationPath: 'relative/tool.bin' }),
      shellStep('check', 'od -An -tx1 relative/tool.bin'),
    ]);
    await executor.receive(run);
    const result = await fake.waitForResult(run.invocationId);
    expect(result.plugins.map((plugin) => plugin.status)).toEqual(['Success', 'Success', 'Success', 'Success']);
    expect(fs.readFileSync(path.join(dir, 'nested', 'tool-copy.bin')).equals(PAYLOAD)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'tool.bin')).equals(PAYLOAD)).toBe(true);
    expect(fake.text(run.invocationId, 0)).toBe(`Downloaded 5 bytes from ${baseUrl}/files/tool.bin to ${path.join(dir, 'nested', 'tool-copy.bin')}\n`);
    expect(fake.text(run.invocationId, 3).trim()).toBe('00 ff 10 41 0a');
  });

  it('fails clearly on HTTP errors, bad URLs and non-web schemes, and times out slow servers', async () => {
    const { fake, executor } = setup();
    const run = commandRun([
      download('not-found', { sourceType: 'HTTP', sourceInfo: { url: `${baseUrl}/nothing` } }),
      download('file-scheme', { sourceType: 'HTTP', sourceInfo: { url: 'file:///etc/shadow' } }),
      download('no-url', { sourceType: 'HTTP', sourceInfo: '{"path": "x"}' }),
      download('s3', { sourceType: 'S3', sourceInfo: { path: 'https://bucket/key' } }),
      download('slow', { sourceType: 'HTTP', sourceInfo: { url: `${baseUrl}/slow` }, timeoutSeconds: 1 }),
    ]);
    await executor.receive(run);
    const result = await fake.waitForResult(run.invocationId);
    expect(result.plugins[0]).toMatchObject({ status: 'Failed', message: expect.stringContaining('HTTP 404') });
    expect(result.plugins[1]).toMatchObject({ status: 'Failed', message: expect.stringContaining('must be http or https') });
    expect(result.plugins[2]).toMatchObject({ status: 'Failed', message: expect.stringContaining('must name a url') });
    expect(result.plugins[3]).toMatchObject({ status: 'Failed', message: expect.stringContaining('not supported') });
    expect(result.plugins[4]).toMatchObject({ status: 'TimedOut', message: expect.stringContaining('timeoutSeconds') });
    expect(result.status).toBe('TimedOut');
  });

  it('writes an SSMDocument the server resolved as <destinationPath>/<documentName>.json', async () => {
    const { fake, executor } = setup();
    const dir = tempDir('document');
    const content = { schemaVersion: '2.2', mainSteps: [] };
    const run = commandRun([
      download('doc', { sourceType: 'SSMDocument', sourceInfo: { name: 'My-Doc' }, documentName: 'My-Doc', content, destinationPath: dir }),
      download('doc-text', { sourceType: 'SSMDocument', documentName: 'Other.v2', content: 'schemaVersion: "2.2"\n' }),
      shellStep('check', 'cat Other.v2.json'),
    ]);
    await executor.receive(run);
    const result = await fake.waitForResult(run.invocationId);
    expect(result.status).toBe('Success');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'My-Doc.json'), 'utf8'))).toEqual(content);
    expect(fake.text(run.invocationId, 2)).toBe('schemaVersion: "2.2"\n');
  });

  it('security: a documentName cannot climb out of the destination folder', async () => {
    const { fake, executor } = setup();
    const dir = tempDir('traversal');
    const run = commandRun([
      download('climb', { sourceType: 'SSMDocument', documentName: '../escaped', content: 'x', destinationPath: path.join(dir, 'inside') }),
      download('absolute', { sourceType: 'SSMDocument', documentName: '/tmp/escaped', content: 'x', destinationPath: path.join(dir, 'inside') }),
    ]);
    await executor.receive(run);
    const result = await fake.waitForResult(run.invocationId);
    expect(result.plugins.map((plugin) => plugin.status)).toEqual(['Failed', 'Failed']);
    expect(result.plugins[0]!.message).toContain('cannot be used as a file name');
    expect(fs.existsSync(path.join(dir, 'escaped.json'))).toBe(false);
    expect(fs.existsSync('/tmp/escaped.json')).toBe(false);
  });
});
