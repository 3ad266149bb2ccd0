import fs from 'node:fs/promises';
import { constants, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import {
  DOWNLOAD_LIMIT_BYTES,
  MAX_DIRECTORY_ENTRIES,
  TEXT_FILE_LIMIT_BYTES,
  type DirectoryEntry,
  type DirectoryListing,
  type FileChunk,
  type FileType,
  type ToolArgs,
} from '../protocol';
import { withinBudget } from './budget';
import { ToolFailure, fileSystemFailure } from './errors';
import { checkNodePath, isInside } from './paths';
import { parseGroup, parsePasswd } from './proc';

/** A directory with millions of entries is counted this far, then reported as "at least". */
const MAX_SCANNED_ENTRIES = 100_000;
const LSTAT_CONCURRENCY = 32;

export function fileType(stats: Stats): FileType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isCharacterDevice()) return 'char-device';
  return 'unknown';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}

async function idNames(file: string, parse: (text: string) => { name: string; id: number }[]): Promise<Map<number, string>> {
  try {
    return new Map(parse(await fs.readFile(file, 'utf8')).map((entry) => [entry.id, entry.name]));
  } catch {
    return new Map();
  }
}

/**
 * Read-only file access for the console: list a directory, read a file in chunks. Every path is
 * checked (agent/tools/paths.ts) and resolved through its symlinks before use, and the agent's own
 * state (its node secret) and any other protected folder is refused wherever a link points.
 */
export class FileTools {
  private readonly protectedRoots: string[];

  constructor(protectedPaths: string[] = []) {
    // Resolved once, so a protected folder reached through a symlinked parent is still recognised.
    this.protectedRoots = protectedPaths.map((protectedPath) => {
      const absolute = path.resolve(protectedPath);
      try {
        return realpathSync(absolute);
      } catch {
        return absolute;
      }
    });
  }

  /** Checks the path, resolves every symlink in it, and refuses protected places. */
  async resolve(input: unknown): Promise<{ path: string; realPath: string }> {
    const checked = checkNodePath(input);
    if (!checked.ok) throw new ToolFailure('ValidationException', checked.reason);
    let realPath: string;
    try {
      realPath = await fs.realpath(checked.path);
    } catch (error) {
      throw fileSystemFailure(error, checked.path);
    }
    this.refuseProtected(checked.path, realPath);
    return { path: checked.path, realPath };
  }

  private refuseProtected(nodePath: string, realPath: string): void {
    if (this.protectedRoots.some((root) => isInside(realPath, root))) {
      const via = realPath === nodePath ? '' : ` (it resolves to ${realPath})`;
      throw new ToolFailure('ProtectedPath', `${nodePath}${via} holds the agent's own credentials or the server's secrets; the agent never reads it for the console`);
    }
  }

  async list(args: ToolArgs<'files.list'>): Promise<DirectoryListing> {
    const { path: nodePath, realPath } = await this.resolve(args.path);
    const names: string[] = [];
    let total = 0;
    try {
      const stats = await fs.stat(realPath);
      if (!stats.isDirectory()) throw new ToolFailure('NotADirectory', `${nodePath} is a ${fileType(stats)}, not a directory`);
      const directory = await fs.opendir(realPath, { bufferSize: 256 });
      for await (const entry of directory) {
        total += 1;
        if (names.length < MAX_DIRECTORY_ENTRIES) names.push(entry.name);
        if (total >= MAX_SCANNED_ENTRIES) break; // leaving the loop closes the directory
      }
    } catch (error) {
      throw fileSystemFailure(error, nodePath);
    }
    const [owners, groups] = await Promise.all([
      idNames('/etc/passwd', (text) => parsePasswd(text).map((entry) => ({ name: entry.name, id: entry.uid }))),
      idNames('/etc/group', (text) => parseGroup(text).map((entry) => ({ name: entry.name, id: entry.gid }))),
    ]);
    const described = await mapLimited(names, LSTAT_CONCURRENCY, async (name): Promise<DirectoryEntry | undefined> => {
      const full = path.posix.join(realPath, name);
      try {
        const stats = await fs.lstat(full);
        const entry: DirectoryEntry = {
          name,
          type: fileType(stats),
          size: stats.size,
          mode: stats.mode & 0o7777,
          uid: stats.uid,
          gid: stats.gid,
          owner: owners.get(stats.uid) ?? null,
          group: groups.get(stats.gid) ?? null,
          mtime: stats.mtimeMs,
        };
        if (stats.isSymbolicLink()) {
          entry.linkTarget = await fs.readlink(full).catch(() => undefined);
          entry.targetType = await fs.stat(full).then(fileType, () => 'missing' as const);
        }
        return entry;
      } catch {
        return undefined; // removed while we were listing
      }
    });
    const entries = described
      .filter((entry): entry is DirectoryEntry => entry !== undefined)
      .sort((a, b) => Number(isFolder(b)) - Number(isFolder(a)) || a.name.localeCompare(b.name));
    const kept = withinBudget(entries);
    return { path: nodePath, realPath, total, truncated: kept.length < total, entries: kept };
  }

  async read(args: ToolArgs<'files.read'>): Promise<FileChunk> {
    const { path: nodePath, realPath } = await this.resolve(args.path);
    const limit = args.purpose === 'view' ? TEXT_FILE_LIMIT_BYTES : DOWNLOAD_LIMIT_BYTES;
    let handle: fs.FileHandle;
    try {
      // O_NOFOLLOW: the resolved path must not have become a symlink since realpath (a swap race).
      // O_NONBLOCK: opening a FIFO would otherwise wait for a writer for ever.
      handle = await fs.open(realPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      throw fileSystemFailure(error, nodePath);
    }
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) throw new ToolFailure('IsADirectory', `${nodePath} is a directory; open it in the file browser instead`);
      if (!stats.isFile()) {
        throw new ToolFailure('NotARegularFile', `${nodePath} is a ${fileType(stats)}; only regular files can be read (a device or pipe may never end)`);
      }
      // What was actually opened, per the kernel: catches a parent directory swapped for a link
      // between the check and the open.
      const opened = await fs.readlink(`/proc/self/fd/${handle.fd}`).catch(() => realPath);
      this.refuseProtected(nodePath, opened);
      if (stats.size > limit) throw tooLarge(nodePath, stats.size, args.purpose);
      if (args.offset >= limit) throw tooLarge(nodePath, args.offset, args.purpose);
      const length = Math.min(args.length, limit - args.offset);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, args.offset);
      const data = buffer.subarray(0, bytesRead);
      if (args.purpose === 'view' && data.includes(0)) {
        throw new ToolFailure('BinaryFile', `${nodePath} is not a text file (it contains NUL bytes); download it instead`);
      }
      return {
        path: nodePath,
        realPath: opened,
        size: stats.size,
        mtime: stats.mtimeMs,
        offset: args.offset,
        data: data.toString('base64'),
        // Files in /proc and /sys report size 0 yet have content: a short read is the end there.
        eof: bytesRead < length || (stats.size > 0 && args.offset + bytesRead >= stats.size),
      };
    } catch (error) {
      throw fileSystemFailure(error, nodePath);
    } finally {
      await handle.close();
    }
  }
}

const isFolder = (entry: DirectoryEntry) => entry.type === 'directory' || (entry.type === 'symlink' && entry.targetType === 'directory');

function tooLarge(nodePath: string, size: number, purpose: 'view' | 'download'): ToolFailure {
  return purpose === 'view'
    ? new ToolFailure('FileTooLarge', `${nodePath} is ${formatBytes(size)}; the viewer shows text files up to ${formatBytes(TEXT_FILE_LIMIT_BYTES)}, download it instead`)
    : new ToolFailure('FileTooLarge', `${nodePath} is ${formatBytes(size)}; downloads through the console are limited to ${formatBytes(DOWNLOAD_LIMIT_BYTES)}`);
}
