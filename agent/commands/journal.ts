import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { commandResultSchema, commandRunSchema, pluginResultSchema } from '../protocol';
import { AckedLog } from './acked-log';

const JOURNAL_FILE = 'invocation.json';
/** Invocation ids are UUIDs (commandRunSchema checks it): as a folder name it cannot climb out of the journal. */
const INVOCATION_DIR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const finishedResultSchema = commandResultSchema.omit({ tail: true });
export type FinishedResult = z.infer<typeof finishedResultSchema>;

/**
 * One invocation's journal. `received`: acknowledged to the server, no step started yet;
 * `running`: steps are (or were, if the agent died) running; `finished`: `result` waits in the
 * outbox until the server stores it.
 */
const journalRecordSchema = z.object({
  run: commandRunSchema,
  state: z.enum(['received', 'running', 'finished']),
  receivedAt: z.number(),
  startedAt: z.number().optional(),
  /** Results of the top-level steps that ended, in order. */
  plugins: z.array(pluginResultSchema),
  result: finishedResultSchema.optional(),
});
export type JournalRecord = z.infer<typeof journalRecordSchema>;

export interface InvocationPaths {
  dir: string;
  /** Spool files: `<step>.stdout`, `<step>.stderr`. */
  output: string;
  /** Default working directory of the steps; relative download paths land here. */
  work: string;
  /** Script files, kept out of the working directory so a script's `ls` does not see them. */
  scripts: string;
}

export type LoadedRecord = { id: string; record: JournalRecord } | { id: string; damage: string };

/**
 * The Run Command journal under `<stateDir>/commands/`: one folder per invocation the server
 * handed over and has not yet confirmed storing the result of, plus the log of confirmed ids.
 * Every write is write-then-rename, so a crash leaves either the old record or the new one.
 */
export class CommandJournal {
  readonly dir: string;
  readonly acked: AckedLog;

  constructor(stateDir: string, now: () => number = Date.now) {
    this.dir = path.join(stateDir, 'commands');
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.acked = new AckedLog(path.join(this.dir, 'acked.log'), now);
  }

  paths(invocationId: string): InvocationPaths {
    const dir = path.join(this.dir, invocationId);
    return { dir, output: path.join(dir, 'output'), work: path.join(dir, 'work'), scripts: path.join(dir, 'scripts') };
  }

  /** Creates the invocation's folders and its first record; throws (disk full...) before the server gets an ack. */
  create(record: JournalRecord): InvocationPaths {
    const paths = this.paths(record.run.invocationId);
    for (const dir of [paths.dir, paths.output, paths.work, paths.scripts]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.write(record);
    return paths;
  }

  write(record: JournalRecord): void {
    const file = path.join(this.paths(record.run.invocationId).dir, JOURNAL_FILE);
    const temporary = `${file}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(record), { mode: 0o600 });
    fs.renameSync(temporary, file);
  }

  /** The result is stored on the server: keep only the id, drop the spool and the work dir. */
  markAcked(invocationId: string): void {
    this.acked.add(invocationId);
    fs.rmSync(this.paths(invocationId).dir, { recursive: true, force: true });
  }

  /** Every journalled invocation; cleans up folders a crash left half-made or already acknowledged. */
  loadAll(): LoadedRecord[] {
    const loaded: LoadedRecord[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (!INVOCATION_DIR.test(name)) continue;
      const id = name;
      const dir = path.join(this.dir, name);
      if (this.acked.has(id)) {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      let text: string;
      try {
        text = fs.readFileSync(path.join(dir, JOURNAL_FILE), 'utf8');
      } catch {
        // Died between mkdir and the first rename: the server never got an ack and will resend.
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      try {
        const parsed = journalRecordSchema.safeParse(JSON.parse(text));
        loaded.push(parsed.success ? { id, record: parsed.data } : { id, damage: parsed.error.issues[0]?.message ?? 'invalid record' });
      } catch (error) {
        loaded.push({ id, damage: (error as Error).message });
      }
    }
    return loaded;
  }
}
