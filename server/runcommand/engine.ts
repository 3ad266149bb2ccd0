/**
 * The Run Command engine of one server process: sends claimed invocations to agents, takes
 * their output and results in batches (one round of SQL per batch, so a thousand nodes
 * finishing at once cost a handful of statements), and sweeps timeouts. State lives in
 * PostgreSQL; this object only batches and forwards.
 */
import { inArray, sql } from 'drizzle-orm';
import {
  commandOutputSchema,
  commandResultSchema,
  commandStartedSchema,
  type CommandOutput,
  type CommandResult,
  type CommandResultAck,
  type CommandRun,
} from '@/agent/protocol';
import { commandInvocations, commandOutput, commands } from '@/db/schema';
import { getDb } from '@/server/context';
import { activeCommandIds, claimInvocations, expireInvocations, unfinishedForNode } from './dispatch';
import { contiguousBytes } from './output';
import { recomputeCommands } from './progress';
import { emitCommandFinished } from './events';
import { processSlot } from '@/server/process-slot';
import { revealSecureReferences } from '@/server/parameters/references';

export interface RunCommandTransport {
  /** Emits `command:run` to the node's room; resolves with the agent's ack, or null on timeout / no socket. */
  run(nodeId: string, run: CommandRun): Promise<{ accepted: boolean } | null>;
  cancel(nodeId: string, invocationId: string): Promise<{ found: boolean } | null>;
  /** To consoles watching a command (room per command) and the command list. */
  notify(commandId: string, event: 'command:changed' | 'command:output', payload: unknown): void;
}

interface PendingResult {
  result: CommandResult;
  ack: (answer: CommandResultAck) => void;
}
interface PendingChunk {
  chunk: CommandOutput;
  ack: () => void;
}

const FLUSH_DELAY_MS = 15;
const SWEEP_INTERVAL_MS = 2_000;
/** One INSERT carries at most this much output, to keep statements a sane size. */
const INSERT_BYTES = 8 * 1024 * 1024;

export class RunCommandEngine {
  private results: PendingResult[] = [];
  private chunks: PendingChunk[] = [];
  private started = new Map<string, number>();
  private delivered = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private flushing = Promise.resolve();
  private sweepTimer?: NodeJS.Timeout;
  /** invocation → command, node: to route live output without a query per chunk. */
  private readonly routes = new Map<string, { commandId: string; nodeId: string }>();
  private readonly kicking = new Map<string, Promise<void>>();
  private readonly rekick = new Set<string>();

  constructor(private readonly transport: RunCommandTransport) {}

  start(): void {
    this.sweepTimer = setInterval(() => void this.sweep().catch(logError('sweep')), SWEEP_INTERVAL_MS);
    void this.sweep().catch(logError('sweep'));
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    clearTimeout(this.flushTimer);
    await this.flush();
  }

  /**
   * Sends whatever the command may send now. Calls for one command are serialised here (and by a
   * row lock across replicas); a call arriving while one runs makes it run once more afterwards.
   */
  kick(commandId: string): Promise<void> {
    const running = this.kicking.get(commandId);
    if (running) {
      this.rekick.add(commandId);
      return running;
    }
    const work = (async () => {
      do {
        this.rekick.delete(commandId);
        await this.dispatch(commandId);
      } while (this.rekick.has(commandId));
    })()
      .catch(logError(`dispatch ${commandId}`))
      .finally(() => this.kicking.delete(commandId));
    this.kicking.set(commandId, work);
    return work;
  }

  private async dispatch(commandId: string): Promise<void> {
    const claimed = await claimInvocations(commandId);
    if (!claimed) return;
    if (claimed.invocations.length === 0) {
      const [recomputed] = await recomputeCommands([commandId]);
      if (recomputed?.isDone) emitCommandFinished(commandId);
      if (recomputed?.isDone || claimed.command.errorCount > claimed.command.errorLimit) this.transport.notify(commandId, 'command:changed', { commandId });
      return;
    }
    this.transport.notify(commandId, 'command:changed', { commandId });
    const steps = await revealSecureReferences(claimed.command.steps).catch(async (error: Error) => {
      // A secret deleted or a key disabled since the send: these nodes cannot be given the command.
      console.error(`[runcommand] ${commandId}: cannot resolve its {{ssm-secure:}} references: ${error.message}`);
      await this.markUndeliverable(commandId, claimed.invocations.map((invocation) => invocation.id));
      return undefined;
    });
    if (!steps) return;
    for (const invocation of claimed.invocations) {
      this.routes.set(invocation.id, { commandId, nodeId: invocation.nodeId });
      void this.deliver(invocation.nodeId, {
        invocationId: invocation.id,
        commandId,
        documentName: claimed.command.documentName,
        steps,
        executionTimeoutSeconds: claimed.command.executionTimeoutSeconds,
        runAs: claimed.command.runAs ?? undefined,
      });
    }
  }

  private async markUndeliverable(commandId: string, invocationIds: string[]): Promise<void> {
    await getDb()
      .update(commandInvocations)
      .set({ status: 'Failed', statusDetails: 'Undeliverable', updatedAt: sql`now()` })
      .where(inArray(commandInvocations.id, invocationIds));
    await this.refresh([commandId]);
  }

  private async deliver(nodeId: string, run: CommandRun): Promise<void> {
    const answer = await this.transport.run(nodeId, run).catch(() => null);
    // No answer: the invocation stays InProgress and is sent again when the node reconnects
    // (the agent journals ids, so a second copy never runs twice) or times out.
    if (!answer) return;
    if (answer.accepted) {
      this.delivered.add(run.invocationId);
      this.scheduleFlush();
      return;
    }
    await this.markUndeliverable(run.commandId, [run.invocationId]);
  }

  /** A node (re)connected: resend what it may have missed, and send what waited for it. */
  async nodeConnected(nodeId: string): Promise<void> {
    const { resend, cancel, waitingCommands } = await unfinishedForNode(nodeId);
    if (resend.length > 0) {
      const rows = await getDb().select().from(commands).where(inArray(commands.id, [...new Set(resend.map((item) => item.commandId))]));
      for (const item of resend) {
        const command = rows.find((row) => row.id === item.commandId);
        if (!command) continue;
        const steps = await revealSecureReferences(command.steps).catch(() => undefined);
        if (!steps) {
          await this.markUndeliverable(command.id, [item.id]);
          continue;
        }
        this.routes.set(item.id, { commandId: command.id, nodeId });
        void this.deliver(nodeId, {
          invocationId: item.id,
          commandId: command.id,
          documentName: command.documentName,
          steps,
          executionTimeoutSeconds: command.executionTimeoutSeconds,
          runAs: command.runAs ?? undefined,
        });
      }
    }
    for (const invocationId of cancel) void this.cancelOnNode(nodeId, invocationId);
    for (const commandId of waitingCommands) void this.kick(commandId);
  }

  /** Asks the agent to stop an invocation; one it never received is simply Cancelled. */
  async cancelOnNode(nodeId: string, invocationId: string): Promise<void> {
    const answer = await this.transport.cancel(nodeId, invocationId).catch(() => null);
    if (!answer || answer.found) return;
    const [row] = await getDb()
      .update(commandInvocations)
      .set({ status: 'Cancelled', statusDetails: 'Cancelled', updatedAt: sql`now()` })
      .where(sql`${commandInvocations.id} = ${invocationId} and ${commandInvocations.status} = 'Cancelling'`)
      .returning({ commandId: commandInvocations.commandId });
    if (row) await this.refresh([row.commandId]);
  }

  // --- from agents -------------------------------------------------------------------------

  onStarted(payload: unknown): void {
    const started = commandStartedSchema.safeParse(payload);
    if (!started.success) return;
    this.started.set(started.data.invocationId, started.data.startedAt);
    this.scheduleFlush();
  }

  onOutput(payload: unknown, ack: () => void): void {
    const chunk = commandOutputSchema.safeParse(payload);
    if (!chunk.success) return;
    this.chunks.push({ chunk: chunk.data, ack });
    this.scheduleFlush();
  }

  onResult(payload: unknown, ack: (answer: CommandResultAck) => void): void {
    const result = commandResultSchema.safeParse(payload);
    if (!result.success) return;
    this.results.push({ result: result.data, ack });
    this.scheduleFlush();
  }

  // --- batching ----------------------------------------------------------------------------

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushing = this.flushing.then(() => this.flush()).catch(logError('flush'));
    }, FLUSH_DELAY_MS);
  }

  private async flush(): Promise<void> {
    const chunks = this.chunks.splice(0);
    const results = this.results.splice(0);
    const started = new Map(this.started);
    this.started.clear();
    const delivered = [...this.delivered];
    this.delivered.clear();
    if (chunks.length + results.length + started.size + delivered.length === 0) return;

    const outputs = [
      ...chunks.map(({ chunk }) => chunk),
      ...results.flatMap(({ result }) => result.tail.map((tail) => ({ ...tail, invocationId: result.invocationId }))),
    ];
    try {
      await insertOutput(outputs);
    } catch (error) {
      // Unacknowledged chunks and results are resent by the agent; nothing is lost by failing here.
      logError('storing output')(error);
      return;
    }
    for (const { ack } of chunks) ack();
    this.forwardOutput(outputs);

    const db = getDb();
    if (delivered.length > 0) {
      await db.execute(sql`update ${commandInvocations} set delivered_at = now() where id = any(${sql.param(delivered)}::uuid[]) and delivered_at is null`);
    }
    const changed = new Set<string>();
    if (started.size > 0) {
      const values = JSON.stringify([...started].map(([id, at]) => ({ id, at: new Date(at).toISOString() })));
      const { rows } = await db.execute<{ command_id: string }>(sql`
        update ${commandInvocations} i set started_at = v.at, updated_at = now()
        from jsonb_to_recordset(${values}::jsonb) as v(id uuid, at timestamptz)
        where i.id = v.id and i.started_at is null
        returning i.command_id`);
      for (const row of rows) changed.add(row.command_id);
    }
    if (results.length > 0) {
      for (const commandId of await this.storeResults(results)) changed.add(commandId);
    }
    await this.refresh([...changed]);
  }

  /** Stores complete results; answers the others with the byte ranges still missing. Returns the commands changed. */
  private async storeResults(results: PendingResult[]): Promise<string[]> {
    const db = getDb();
    const ids = results.map(({ result }) => result.invocationId);
    const spans = await db
      .select({ invocationId: commandOutput.invocationId, plugin: commandOutput.plugin, stream: commandOutput.stream, offset: commandOutput.offset, length: sql<number>`length(${commandOutput.data})` })
      .from(commandOutput)
      .where(inArray(commandOutput.invocationId, ids));
    const complete: PendingResult[] = [];
    for (const pending of results) {
      const missing = missingRanges(pending.result, spans.filter((span) => span.invocationId === pending.result.invocationId));
      if (missing.length > 0) pending.ack({ stored: false, missing });
      else complete.push(pending);
    }
    if (complete.length === 0) return [];
    const values = JSON.stringify(
      complete.map(({ result }) => ({
        id: result.invocationId,
        status: result.status,
        status_details: result.statusDetails,
        response_code: responseCode(result),
        started_at: new Date(result.startedAt).toISOString(),
        ended_at: new Date(result.endedAt).toISOString(),
        plugins: result.plugins,
      })),
    );
    // Only a running (or cancelling) invocation takes a result: one that already timed out or
    // was cancelled keeps that status, and a resent result changes nothing.
    const { rows } = await db.execute<{ command_id: string }>(sql`
      update ${commandInvocations} i set status = v.status, status_details = v.status_details, response_code = v.response_code,
        started_at = v.started_at, ended_at = v.ended_at, plugins = v.plugins, updated_at = now()
      from jsonb_to_recordset(${values}::jsonb) as v(id uuid, status text, status_details text, response_code int, started_at timestamptz, ended_at timestamptz, plugins jsonb)
      where i.id = v.id and i.status in ('InProgress', 'Cancelling')
      returning i.command_id`);
    for (const { ack } of complete) ack({ stored: true });
    const changed = new Set(rows.map((row) => row.command_id));
    for (const { result } of complete) this.routes.delete(result.invocationId);
    return [...changed];
  }

  private forwardOutput(outputs: CommandOutput[]): void {
    for (const output of outputs) {
      const route = this.routes.get(output.invocationId);
      if (!route) continue;
      this.transport.notify(route.commandId, 'command:output', { ...output, commandId: route.commandId, nodeId: route.nodeId, data: Buffer.from(output.data) });
    }
  }

  /** Status and counters, then more sends where slots freed up. */
  async refresh(commandIds: string[]): Promise<void> {
    if (commandIds.length === 0) return;
    const recomputed = await recomputeCommands(commandIds);
    for (const command of recomputed) {
      this.transport.notify(command.commandId, 'command:changed', { commandId: command.commandId });
      if (command.isDone) emitCommandFinished(command.commandId);
      else void this.kick(command.commandId);
    }
  }

  private async sweep(): Promise<void> {
    const expired = await expireInvocations();
    if (expired.length > 0) await this.refresh(expired);
    for (const commandId of await activeCommandIds()) void this.kick(commandId);
  }
}

async function insertOutput(outputs: CommandOutput[]): Promise<void> {
  let batch: CommandOutput[] = [];
  let bytes = 0;
  const write = async () => {
    if (batch.length === 0) return;
    await getDb()
      .insert(commandOutput)
      .values(batch.map((output) => ({ invocationId: output.invocationId, plugin: output.plugin, stream: output.stream, offset: output.offset, data: Buffer.from(output.data) })))
      .onConflictDoNothing();
    batch = [];
    bytes = 0;
  };
  for (const output of outputs) {
    if (output.data.byteLength === 0) continue;
    batch.push(output);
    bytes += output.data.byteLength;
    if (bytes >= INSERT_BYTES || batch.length >= 1000) await write();
  }
  await write();
}

function missingRanges(result: CommandResult, spans: { plugin: number; stream: string; offset: number; length: number }[]): { plugin: number; stream: 'stdout' | 'stderr'; offset: number }[] {
  const missing: { plugin: number; stream: 'stdout' | 'stderr'; offset: number }[] = [];
  result.plugins.forEach((plugin, index) => {
    for (const stream of ['stdout', 'stderr'] as const) {
      const expected = stream === 'stdout' ? plugin.stdoutBytes : plugin.stderrBytes;
      if (expected === 0) continue;
      const have = contiguousBytes(spans.filter((span) => span.plugin === index && span.stream === stream));
      if (have < expected) missing.push({ plugin: index, stream, offset: have });
    }
  });
  return missing;
}

/** AWS's ResponseCode for an invocation: the exit code of the last step that ran. */
function responseCode(result: CommandResult): number {
  const ran = result.plugins.filter((plugin) => plugin.status !== 'Skipped');
  return ran.at(-1)?.exitCode ?? -1;
}

function logError(what: string) {
  return (error: unknown) => console.error(`[runcommand] ${what} failed: ${(error as Error).message}`);
}

const engineSlot = processSlot<RunCommandEngine>('runcommand-engine');

export function setRunCommandEngine(engine: RunCommandEngine | undefined): void {
  engineSlot.set(engine);
}

/** The engine, when this process runs one (the server does; a bare script does not). */
export function runCommandEngine(): RunCommandEngine | undefined {
  return engineSlot.get();
}
