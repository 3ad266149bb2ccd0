import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../db/embedded';

export interface Scratch {
  root: string;
  database: EmbeddedDatabase;
  /** The PostgreSQL data directory, for postgresCpuSeconds. */
  clusterDir: string;
}

/**
 * Runs a benchmark on its own embedded PostgreSQL in a temporary folder, and removes both however
 * the benchmark ends. The folder is traversable (0711): as root, PostgreSQL runs as 'postgres'.
 */
export async function withScratchDatabase<T>(prefix: string, run: (scratch: Scratch) => Promise<T>): Promise<T> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(root, 0o711);
  try {
    const database = await startEmbeddedDatabase(path.join(root, 'pg'));
    try {
      return await run({ root, database, clusterDir: path.join(root, 'pg', 'postgres') });
    } finally {
      await database.stop();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
