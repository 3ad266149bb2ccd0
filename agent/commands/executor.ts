import { performance } from 'node:perf_hooks';
import {
  commandResultAckSchema,
  commandRunSchema,
  type AgentCallAnswer,
  type AgentCallEvents,
  type AgentCallPayload,
  type CommandOutput,
  type CommandResult,
  type CommandResultAck,
  type CommandRun,
  type OutputStream,
  type PluginResult,
} from '../protocol';
import { CommandJournal, type FinishedResult, type InvocationPaths, type JournalRecord } from './journal';
import { blockedOutcome, runPlugin, type StepContext, type StepOutcome, type StopReason } from './plugins';
import { buildTail, damagedResult, interruptedResult, invocationStatus } from './results';
import { OutputSpool } from './spool';
import { OutputStreamer, resendOutput } from './streamer';

/** How the executor reaches the server; the Agent implements it over socket.io. */
export interface CommandSender {
  /** Fire and forget: the result carries startedAt too. */
  started(payload: { invocationId: string; startedAt: number }): void;
  /** Resolves when the server acknowledges the chunk; rejects on timeout or when disconnected. */
  output(chunk: CommandOutput): Promise<void>;
  /** Resolves with the server's answer; rejects on timeout or when disconnected. */
  result(result: CommandResult): Promise<CommandResultAck>;
  /** A plugin's question to the server (inventory upload, patch evaluation); rejects when offline or on timeout. */
  call<E extends keyof AgentCallEvents>(event: E, payload: AgentCallPayload<E>): Promise<AgentCallAnswer<E>>;
}

export interface CommandExecutorOptions {
  /** The agent's state dir; the journal lives in `<stateDir>/commands/`. */
  stateDir: string;
  nodeId: string;
  platformType: string;
  send: CommandSender;
  /** The node's clock (epoch ms) for the timestamps reported to the server. */
  now?: () => number;
}

/** A result is re-sent after a `missing` answer this many times per delivery, then waits for the next retry. */
const MAX_DELIVERY_ROUNDS = 4;
/** Unacknowledged results are offered again this often even without a reconnect (an ack timed out). */
export const OUTBOX_RETRY_MS = 60_000;

interface Invocation {
  id: string;
  /** Null only for a journal too damaged to read. */
  record: JournalRecord | null;
  paths: InvocationPaths;
  spool: OutputSpool;
  streamer?: OutputStreamer;
  controller?: AbortController;
  running?: Promise<void>;
  /** Set once finished: the invocation is then in the outbox until the server stores it. */
  result?: FinishedResult;
}

/**
 * The agent side of Run Command. Each invocation id runs at most once, ever: it is journalled
 * before the server gets its ack, a duplicate `command:run` only re-sends a finished result, and
 * an invocation a dead agent left running is reported Failed, never started again. Output goes to
 * spool files and live to the server; results stay in the outbox until the server stores them.
 */
export class CommandExecutor {
  private readonly journal: CommandJournal;
  private readonly invocations = new Map<string, Invocation>();
  private readonly deliveries = new Map<string, Promise<void>>();
  private readonly send: CommandSender;
  private readonly now: () => number;
  private readonly outboxTimer: NodeJS.Timeout;
  private isClosed = false;

  constructor(private readonly options: CommandExecutorOptions) {
    this.send = options.send;
    this.now = options.now ?? Date.now;
    this.journal = new CommandJournal(options.stateDir);
    this.recover();
    this.outboxTimer = setInterval(() => this.offerOutbox(), OUTBOX_RETRY_MS);
    this.outboxTimer.unref();
  }

  /** Handles `command:run`: journals, acknowledges, runs once. Invalid payloads are refused. */
  async receive(payload: unknown): Promise<{ accepted: boolean }> {
    const parsed = commandRunSchema.safeParse(payload);
    if (!parsed.success || this.isClosed) return { accepted: false };
    const run = parsed.data;
    const id = run.invocationId;
    if (this.journal.acked.has(id)) return { accepted: true };
    const known = this.invocations.get(id);
    if (known) {
      // Running: it reports when done. Finished: the server lost our result (or its ack); send it again.
      if (known.result) void this.deliver(known);
      return { accepted: true };
    }
    const record: JournalRecord = { run, state: 'received', receivedAt: this.now(), plugins: [] };
    let paths: InvocationPaths;
    try {
      paths = this.journal.create(record);
    } catch (error) {
      console.error(`[commands] cannot journal invocation ${id}, refusing it: ${(error as Error).message}`);
      return { accepted: false };
    }
    const invocation: Invocation = { id, record, paths, spool: new OutputSpool(paths.output) };
    this.invocations.set(id, invocation);
    invocation.running = this.execute(invocation, record);
    return { accepted: true };
  }

  /** Handles `command:cancel`: kills the running step's process group; later steps do not run. */
  cancel(invocationId: string): { found: boolean } {
    const invocation = this.invocations.get(invocationId);
    if (!invocation?.controller || invocation.result) return { found: false };
    if (!invocation.controller.signal.aborted) invocation.controller.abort('Cancelled' satisfies StopReason);
    return { found: true };
  }

  /** On every (re)connect: re-send the outbox, and stream the output that piled up while away. */
  async resume(): Promise<void> {
    for (const invocation of this.invocations.values()) {
      if (!invocation.result) invocation.streamer?.resume();
    }
    await this.offerOutbox();
  }

  /**
   * Stops the executor for good: running steps' process groups are killed (they would otherwise
   * outlive the agent unsupervised) and their invocations reported Failed through the outbox.
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    clearInterval(this.outboxTimer);
    for (const invocation of this.invocations.values()) {
      if (invocation.controller && !invocation.controller.signal.aborted) invocation.controller.abort('AgentStopped' satisfies StopReason);
    }
    await Promise.allSettled([...this.invocations.values()].map((invocation) => invocation.running));
  }

  /** Invocation ids with a result the server has not stored yet. */
  get outbox(): string[] {
    return [...this.invocations.values()].filter((invocation) => invocation.result).map((invocation) => invocation.id);
  }

  /** What a previous agent process left: finished results to send, and runs it never finished. */
  private recover(): void {
    for (const loaded of this.journal.loadAll()) {
      const paths = this.journal.paths(loaded.id);
      const spool = new OutputSpool(paths.output);
      if ('damage' in loaded) {
        console.error(`[commands] the journal of invocation ${loaded.id} is damaged (${loaded.damage}); reporting it Failed`);
        this.invocations.set(loaded.id, { id: loaded.id, record: null, paths, spool, result: damagedResult(loaded.id, this.now()) });
        continue;
      }
      const { record } = loaded;
      if (record.state !== 'finished' || !record.result) {
        record.result = interruptedResult(record, spool, this.now());
        record.state = 'finished';
        this.journal.write(record);
      }
      this.invocations.set(loaded.id, { id: loaded.id, record, paths, spool, result: record.result });
    }
  }

  private async execute(invocation: Invocation, record: JournalRecord): Promise<void> {
    const { run } = record;
    const controller = new AbortController();
    const streamer = new OutputStreamer(invocation.id, invocation.spool, (chunk) => this.send.output(chunk));
    invocation.controller = controller;
    invocation.streamer = streamer;
    const deadline = performance.now() + run.executionTimeoutSeconds * 1000;
    const startedAt = this.now();
    try {
      record.state = 'running';
      record.startedAt = startedAt;
      this.journal.write(record);
      try {
        this.send.started({ invocationId: invocation.id, startedAt });
      } catch {
        // Only informative: the result carries startedAt as well.
      }
      for (const [index, step] of run.steps.entries()) {
        const ctx = this.stepContext(invocation, run, index, deadline, controller.signal);
        const blocked = blockedOutcome(step, ctx);
        const stepStartedAt = this.now();
        const outcome = blocked ?? (await runPlugin(step, ctx).catch((error: Error): StepOutcome => ({ status: 'Failed', exitCode: -1, message: `the agent failed to run this step: ${error.message}` })));
        record.plugins.push(this.pluginResult(invocation, index, outcome, blocked ? undefined : { startedAt: stepStartedAt, endedAt: this.now() }));
        this.journal.write(record);
      }
    } catch (error) {
      console.error(`[commands] invocation ${invocation.id} broke off: ${(error as Error).message}`);
      for (let index = record.plugins.length; index < run.steps.length; index += 1) {
        record.plugins.push(this.pluginResult(invocation, index, { status: 'Failed', exitCode: -1, message: `the agent failed: ${(error as Error).message}` }));
      }
    }
    const stop = controller.signal.aborted ? (controller.signal.reason as StopReason) : undefined;
    const result: FinishedResult = {
      invocationId: invocation.id,
      ...invocationStatus(record.plugins, stop),
      startedAt,
      endedAt: this.now(),
      plugins: record.plugins,
    };
    record.state = 'finished';
    record.result = result;
    try {
      // Before anything else: from here on a restarted agent re-sends this result instead of calling the run interrupted.
      this.journal.write(record);
    } catch (error) {
      console.error(`[commands] cannot journal the result of ${invocation.id}: ${(error as Error).message}`);
    }
    await streamer.settle();
    invocation.spool.close();
    invocation.result = result;
    invocation.controller = undefined;
    // Even while closing: if the socket is still up, the server learns at once that the agent stopped it.
    void this.deliver(invocation);
  }

  private stepContext(invocation: Invocation, run: CommandRun, index: number, deadline: number, signal: AbortSignal): StepContext {
    const { spool, streamer } = invocation;
    return {
      nodeId: this.options.nodeId,
      platformType: this.options.platformType,
      invocationId: invocation.id,
      commandId: run.commandId,
      runAs: run.runAs,
      executionTimeoutSeconds: run.executionTimeoutSeconds,
      deadline,
      workDir: invocation.paths.work,
      scriptsDir: invocation.paths.scripts,
      stepPath: [index],
      signal,
      callServer: (event, payload) => this.send.call(event, payload),
      output: {
        write: (stream: OutputStream, data: Uint8Array) => {
          try {
            spool.append(index, stream, data);
          } catch (error) {
            console.error(`[commands] cannot spool output of ${invocation.id}: ${(error as Error).message}`);
          }
          streamer?.wrote(index, stream);
        },
        attach: (readable) => streamer?.attach(readable),
        release: (readable) => streamer?.release(readable),
      },
    };
  }

  private pluginResult(invocation: Invocation, index: number, outcome: StepOutcome, times?: { startedAt: number; endedAt: number }): PluginResult {
    const step = invocation.record!.run.steps[index]!;
    return {
      name: step.name,
      action: step.action,
      status: outcome.status,
      exitCode: outcome.exitCode,
      ...times,
      stdoutBytes: invocation.spool.size(index, 'stdout'),
      stderrBytes: invocation.spool.size(index, 'stderr'),
      ...(outcome.message ? { message: outcome.message.slice(0, 2000) } : {}),
    };
  }

  private offerOutbox(): Promise<void> {
    const deliveries = [...this.invocations.values()].filter((invocation) => invocation.result).map((invocation) => this.deliver(invocation));
    return Promise.all(deliveries).then(() => undefined);
  }

  /** One delivery per invocation at a time; a failed one leaves the result in the outbox. */
  private deliver(invocation: Invocation): Promise<void> {
    const existing = this.deliveries.get(invocation.id);
    if (existing) return existing;
    const delivery = this.deliverRounds(invocation)
      .catch((error: Error) => console.error(`[commands] delivering the result of ${invocation.id} failed: ${error.message}`))
      .finally(() => this.deliveries.delete(invocation.id));
    this.deliveries.set(invocation.id, delivery);
    return delivery;
  }

  private async deliverRounds(invocation: Invocation): Promise<void> {
    for (let round = 0; round < MAX_DELIVERY_ROUNDS; round += 1) {
      const result = invocation.result;
      if (!result || !this.invocations.has(invocation.id)) return;
      // After a `missing` round everything was just sent as chunks: the tail would only repeat it.
      const tail = round === 0 ? buildTail(result, invocation.spool, (plugin, stream) => invocation.streamer?.confirmed(plugin, stream) ?? 0) : [];
      let answer: CommandResultAck;
      try {
        answer = commandResultAckSchema.parse(await this.send.result({ ...result, tail }));
      } catch {
        return; // Disconnected or no ack in time: it stays in the outbox for resume().
      }
      if (answer.stored) {
        this.acknowledge(invocation);
        return;
      }
      try {
        await resendOutput(invocation.id, invocation.spool, answer.missing, (chunk) => this.send.output(chunk));
      } catch {
        return;
      }
    }
  }

  private acknowledge(invocation: Invocation): void {
    invocation.spool.close();
    this.invocations.delete(invocation.id);
    try {
      this.journal.markAcked(invocation.id);
    } catch (error) {
      console.error(`[commands] cannot record the ack of ${invocation.id}: ${(error as Error).message}`);
    }
  }
}
