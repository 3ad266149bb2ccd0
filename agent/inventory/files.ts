import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Minimatch } from 'minimatch';
import { z } from 'zod';
import type { InventoryItem } from '../protocol';
import type { CollectorContext } from './context';
import { inventoryDate, inventoryItem, MAX_RECORDS, type InventoryRecord } from './item';

/** The SSM agent's default: a query stops after this many folders. */
const DEFAULT_DIR_SCAN_LIMIT = 5000;

/** One entry of the `files` input, as AWS-GatherSoftwareInventory documents it. */
const fileQuerySchema = z.object({
  Path: z.string().min(1).refine((value) => path.isAbsolute(value), 'Path must be absolute, like /etc'),
  Pattern: z.array(z.string().min(1).max(256)).min(1, 'Pattern needs at least one file name pattern, like *.conf'),
  Recursive: z.boolean().default(false),
  DirScanLimit: z.number().int().positive().default(DEFAULT_DIR_SCAN_LIMIT),
});
export type FileQuery = z.infer<typeof fileQuerySchema>;

/** The `files` input: a JSON list (as a string, as the document passes it, or already parsed). Empty means none. */
export function parseFileQueries(input: unknown): FileQuery[] {
  if (input === undefined || input === null || input === '') return [];
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new Error('files must be a JSON list like [{"Path": "/etc", "Pattern": ["*.conf"], "Recursive": false}]');
    }
  }
  const parsed = z.array(fileQuerySchema).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`files: ${issue?.path.join('.') || 'list'}: ${issue?.message}`);
  }
  return parsed.data;
}

// Patterns match file names only, as the SSM agent's Go filepath.Match does: `*` also matches a
// leading dot, and `!`/`#` are ordinary characters rather than minimatch's negation and comments.
const MATCH_OPTIONS = { dot: true, nonegate: true, nocomment: true };

async function sha256File(file: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function fileRecord(file: string, ctx: CollectorContext): Promise<InventoryRecord> {
  const stat = await fs.stat(file);
  let hash = '';
  try {
    hash = await sha256File(file, ctx.signal);
  } catch (error) {
    ctx.checkStop();
    ctx.warn(`AWS:File: ${file} could not be read for its hash: ${(error as Error).message}`);
  }
  return {
    Name: path.basename(file),
    Size: String(stat.size),
    Description: '',
    FileVersion: '',
    // Linux filesystems without a birth time report 0: the inode change time is the nearest record.
    InstalledDate: inventoryDate(stat.birthtimeMs > 0 ? stat.birthtimeMs : stat.ctimeMs),
    ModificationTime: inventoryDate(stat.mtimeMs),
    LastAccessTime: inventoryDate(stat.atimeMs),
    InstalledDir: path.dirname(file),
    // AWS has no hash attribute; Opsdeck adds one so a changed file shows even when its size does not.
    Hash: hash,
  };
}

/**
 * Walks one query's folder (breadth first, symlinks not followed so a link loop cannot trap it),
 * matching file names, until DirScanLimit folders have been read.
 */
async function scanQuery(query: FileQuery, ctx: CollectorContext, found: Map<string, InventoryRecord>): Promise<void> {
  const matchers = query.Pattern.map((pattern) => new Minimatch(pattern, MATCH_OPTIONS));
  const queue = [path.resolve(query.Path)];
  let scanned = 0;
  while (queue.length > 0) {
    ctx.checkStop();
    if (scanned >= query.DirScanLimit) {
      ctx.warn(`AWS:File: stopped under ${query.Path} after ${scanned} folders (DirScanLimit ${query.DirScanLimit})`);
      return;
    }
    const dir = queue.shift()!;
    scanned += 1;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      ctx.warn(`AWS:File: ${dir} could not be read: ${(error as Error).message}`);
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (query.Recursive) queue.push(full);
      } else if (entry.isFile() && !found.has(full) && matchers.some((matcher) => matcher.match(entry.name))) {
        if (found.size >= MAX_RECORDS) {
          ctx.warn(`AWS:File: more than ${MAX_RECORDS} files match; the rest are left out`);
          return;
        }
        found.set(full, await fileRecord(full, ctx));
      }
    }
  }
}

/** AWS:File for the paths and patterns the association names; no query, no item. */
export async function collectFiles(ctx: CollectorContext, queries: FileQuery[]): Promise<InventoryItem[]> {
  if (queries.length === 0) return [];
  const found = new Map<string, InventoryRecord>();
  for (const query of queries) await scanQuery(query, ctx, found);
  return [inventoryItem('AWS:File', [...found.values()], ctx.capturedAt)];
}
