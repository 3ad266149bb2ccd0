import path from 'node:path';
import { DOWNLOAD_LIMIT_BYTES, FILE_CHUNK_BYTES, TEXT_FILE_LIMIT_BYTES, type DirectoryListing, type FileChunk } from '@/agent/protocol';
import { checkNodePath } from '@/agent/tools/paths';
import type { ManagedNode } from '@/db/schema';
import { callAgentOnNode } from '@/server/fleet/agent-rpc';
import { OpsdeckError, validationError } from '@/server/errors';
import type { Caller } from '@/server/identity/caller';
import { NODE_TOOL_ACTIONS, performOnNode } from './node-action';

const FILE_TIMEOUT_MS = 15_000;

/**
 * Checks a path once for the whole action (the agent checks it again): the audit trail records
 * the normalised path, so '/var/log/../../etc/shadow' shows as the '/etc/shadow' it is.
 */
function pathParameter(rawPath: unknown): { path: string; validate: () => void } {
  const checked = checkNodePath(rawPath);
  if (checked.ok) return { path: checked.path, validate: () => {} };
  const shown = typeof rawPath === 'string' ? rawPath.slice(0, 512) : String(rawPath);
  return {
    path: shown,
    validate: () => {
      throw validationError(`path: ${checked.reason}`);
    },
  };
}

/** A directory on the node. Audited: what someone browsed is part of the record of who saw what. */
export function listNodeDirectory(caller: Caller, nodeId: string, rawPath: unknown): Promise<DirectoryListing> {
  const { path: nodePath, validate } = pathParameter(rawPath);
  return performOnNode(caller, nodeId, { name: 'ListNodeFiles', action: NODE_TOOL_ACTIONS.listFiles, parameters: { path: nodePath }, isAudited: true, validate }, (node) =>
    callAgentOnNode(node, 'files.list', { path: nodePath }, { timeoutMs: FILE_TIMEOUT_MS }),
  );
}

export interface NodeTextFile {
  path: string;
  realPath: string;
  size: number;
  mtime: number;
  content: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A text file up to 1 MiB, read in chunks (socket.io messages stay under 1 MB). A sensitive read: audited with its path. */
export function readNodeTextFile(caller: Caller, nodeId: string, rawPath: unknown): Promise<NodeTextFile> {
  const { path: nodePath, validate } = pathParameter(rawPath);
  return performOnNode(caller, nodeId, { name: 'ReadNodeFile', action: NODE_TOOL_ACTIONS.readFile, parameters: { path: nodePath }, isAudited: true, validate }, async (node) => {
    const chunks: Buffer[] = [];
    let first: FileChunk | undefined;
    let offset = 0;
    for (;;) {
      const chunk = await callAgentOnNode(node, 'files.read', { path: nodePath, offset, length: FILE_CHUNK_BYTES, purpose: 'view' }, { timeoutMs: FILE_TIMEOUT_MS });
      first ??= chunk;
      const data = Buffer.from(chunk.data, 'base64');
      chunks.push(data);
      offset += data.length;
      if (chunk.eof) break;
      // Files in /proc report size 0, so only reading shows they exceed the viewer's limit.
      if (offset >= TEXT_FILE_LIMIT_BYTES) {
        throw new OpsdeckError('FileTooLarge', `${nodePath} is larger than ${TEXT_FILE_LIMIT_BYTES / 1024 / 1024} MiB; the viewer shows text files up to that size, download it instead`);
      }
    }
    let content: string;
    try {
      content = utf8.decode(Buffer.concat(chunks));
    } catch {
      throw new OpsdeckError('BinaryFile', `${nodePath} is not UTF-8 text; download it instead`);
    }
    return { path: first!.path, realPath: first!.realPath, size: Math.max(first!.size, offset), mtime: first!.mtime, content };
  });
}

export interface NodeFileDownload {
  path: string;
  realPath: string;
  fileName: string;
  size: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * A file up to 10 MiB as a stream: the first chunk is read before answering, so refusals (no
 * access, not a file, too large) come back as errors and in the audit trail; the rest is pulled
 * from the agent chunk by chunk as the browser reads.
 */
export function downloadNodeFile(caller: Caller, nodeId: string, rawPath: unknown): Promise<NodeFileDownload> {
  const { path: nodePath, validate } = pathParameter(rawPath);
  return performOnNode(caller, nodeId, { name: 'DownloadNodeFile', action: NODE_TOOL_ACTIONS.readFile, parameters: { path: nodePath }, isAudited: true, validate }, async (node) => {
    const read = (offset: number) => callAgentOnNode(node, 'files.read', { path: nodePath, offset, length: FILE_CHUNK_BYTES, purpose: 'download' }, { timeoutMs: FILE_TIMEOUT_MS });
    const first = await read(0);
    return { path: first.path, realPath: first.realPath, fileName: path.posix.basename(first.path) || 'download', size: first.size, body: chunkStream(node, first, read) };
  });
}

function chunkStream(node: ManagedNode, first: FileChunk, read: (offset: number) => Promise<FileChunk>): ReadableStream<Uint8Array> {
  let next: FileChunk | undefined = first;
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk: FileChunk = next ?? (await read(offset));
        next = undefined;
        const data = Buffer.from(chunk.data, 'base64');
        offset += data.length;
        if (data.length > 0) controller.enqueue(new Uint8Array(data));
        if (chunk.eof) controller.close();
        else if (offset >= DOWNLOAD_LIMIT_BYTES) controller.error(new Error(`${chunk.path} on ${node.id} grew past the download limit while being read`));
      } catch (error) {
        // Headers are gone already; the browser shows a failed download.
        controller.error(error);
      }
    },
  });
}

/** RFC 6266 Content-Disposition: an ASCII fallback name plus the exact name, percent-encoded. */
export function contentDisposition(fileName: string): string {
  // Quotes, backslashes and control characters in the fallback would end the header value early
  // or inject another header; the exact name travels percent-encoded where none of them survive.
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
