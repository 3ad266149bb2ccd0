import fs from 'node:fs';
import path from 'node:path';
import type { OutputStream } from '../protocol';

interface SpoolFile {
  fd: number;
  size: number;
}

/**
 * Every byte a step writes, on disk, by step and stream: the source of the live chunks, of the
 * result's tail and of anything the server later says it lacks. Bytes are never decoded.
 */
export class OutputSpool {
  private readonly open = new Map<string, SpoolFile>();

  constructor(private readonly dir: string) {}

  private file(plugin: number, stream: OutputStream): string {
    return path.join(this.dir, `${plugin}.${stream}`);
  }

  append(plugin: number, stream: OutputStream, data: Uint8Array): void {
    const key = `${plugin}.${stream}`;
    let spool = this.open.get(key);
    if (!spool) {
      const fd = fs.openSync(this.file(plugin, stream), 'a+', 0o600);
      spool = { fd, size: fs.fstatSync(fd).size };
      this.open.set(key, spool);
    }
    // Synchronous appends keep the size we count and the bytes on disk in step for the streamer.
    try {
      let written = 0;
      while (written < data.byteLength) written += fs.writeSync(spool.fd, data, written, data.byteLength - written);
      spool.size += data.byteLength;
    } catch (error) {
      // Disk full or the like: count what did land, so offsets keep matching the file.
      spool.size = fs.fstatSync(spool.fd).size;
      throw error;
    }
  }

  size(plugin: number, stream: OutputStream): number {
    const spool = this.open.get(`${plugin}.${stream}`);
    if (spool) return spool.size;
    try {
      return fs.statSync(this.file(plugin, stream)).size;
    } catch {
      return 0;
    }
  }

  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(plugin: number, stream: OutputStream, offset: number, length: number): Buffer<ArrayBuffer> {
    const spool = this.open.get(`${plugin}.${stream}`);
    const fd = spool?.fd ?? openForRead(this.file(plugin, stream));
    if (fd === null) return Buffer.alloc(0);
    try {
      const buffer = Buffer.alloc(Math.max(0, length));
      let done = 0;
      while (done < length) {
        const count = fs.readSync(fd, buffer, done, length - done, offset + done);
        if (count === 0) break;
        done += count;
      }
      return done === length ? buffer : buffer.subarray(0, done);
    } finally {
      if (!spool) fs.closeSync(fd);
    }
  }

  close(): void {
    for (const spool of this.open.values()) fs.closeSync(spool.fd);
    this.open.clear();
  }
}

function openForRead(file: string): number | null {
  try {
    return fs.openSync(file, 'r');
  } catch {
    return null;
  }
}
