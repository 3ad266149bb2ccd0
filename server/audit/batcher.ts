/**
 * Group commit for the audit trail. Every caller waits for its own row to be committed, but rows
 * that arrive while a write is in flight are written together by the next one, so under load one
 * INSERT (and one commit) carries many events. Alone, an event is written at once: no timer adds
 * latency, the batch is only what piled up during the previous write.
 */

export interface BatcherOptions {
  /** Rows per statement. */
  maxRows: number;
  /** Statements in flight at once: more than one keeps a slow commit from stalling everyone. */
  maxInFlight: number;
}

const DEFAULTS: BatcherOptions = { maxRows: 500, maxInFlight: 2 };

interface Waiting<Row> {
  row: Row;
  resolve(): void;
  reject(error: unknown): void;
}

// A SQLSTATE (as opposed to node's EPIPE, ECONNRESET, ...): numeric classes, PL/pgSQL's P0, ...
const SQLSTATE = /^([0-9]{2}|F0|HV|P0)[0-9A-Z]{3}$/;
// Classes of a database that is unreachable or failing as a whole, where writing the rows one by
// one would only repeat the failure: connection, resources, operator intervention, system.
const SYSTEMIC_CLASSES = new Set(['08', '53', '57', '58']);

/**
 * PostgreSQL refused this statement (a bad value, a trigger, a constraint) while staying up: one
 * row may be at fault, so the others deserve a try of their own.
 */
export function isRowLevelFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SQLSTATE.test(code) && !SYSTEMIC_CLASSES.has(code.slice(0, 2));
}

export class AuditBatcher<Row> {
  private waiting: Waiting<Row>[] = [];
  private inFlight = 0;
  private isScheduled = false;
  private readonly options: BatcherOptions;

  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    options: Partial<BatcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Resolves when the row is committed; rejects with the write's error if it was not. */
  add(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.isScheduled || this.inFlight >= this.options.maxInFlight) return;
    // After this turn of the event loop: requests read in the same turn share the statement.
    this.isScheduled = true;
    setImmediate(() => {
      this.isScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.waiting.splice(0, this.options.maxRows);
      this.inFlight += 1;
      void this.writeBatch(batch).finally(() => {
        this.inFlight -= 1;
        // What piled up meanwhile is the next batch.
        this.flush();
      });
    }
  }

  private async writeBatch(batch: Waiting<Row>[]): Promise<void> {
    try {
      await this.write(batch.map((entry) => entry.row));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (batch.length > 1 && isRowLevelFailure(error)) {
        await Promise.all(batch.map((entry) => this.writeBatch([entry])));
        return;
      }
      for (const entry of batch) entry.reject(error);
    }
  }
}
