import { OUTPUT_STREAMS, type CommandResult, type PluginResult } from '../protocol';
import type { FinishedResult, JournalRecord } from './journal';
import type { StopReason } from './plugins';
import type { OutputSpool } from './spool';

/** Tail carried inside the result; more than this is sent as chunks when the server asks. */
export const TAIL_MAX_BYTES = 64 * 1024;

/** The invocation's status from its plugins, as AWS reports it. */
export function invocationStatus(plugins: PluginResult[], stop?: StopReason): Pick<CommandResult, 'status' | 'statusDetails'> {
  if (stop === 'Cancelled') return { status: 'Cancelled', statusDetails: 'Cancelled' };
  if (plugins.some((plugin) => plugin.status === 'TimedOut')) return { status: 'TimedOut', statusDetails: 'ExecutionTimedOut' };
  if (plugins.some((plugin) => plugin.status === 'Failed' || plugin.status === 'Cancelled')) return { status: 'Failed', statusDetails: 'Failed' };
  return { status: 'Success', statusDetails: 'Success' };
}

const INTERRUPTED =
  'the agent stopped (restart or crash) while this step ran; Opsdeck never runs a command twice, so it was not run again';
const NOT_RUN = 'not run: the agent stopped (restart or crash) during this invocation; Opsdeck never runs a command twice';

/**
 * The result of an invocation a previous agent process journalled as received or running: the
 * steps that ended keep their results, the rest are Failed with exit code -1. Byte counts come
 * from the spool, which holds everything the steps wrote before the agent died.
 */
export function interruptedResult(record: JournalRecord, spool: OutputSpool, endedAt: number): FinishedResult {
  const plugins: PluginResult[] = record.run.steps.map((step, index) => {
    const ended = record.plugins[index];
    if (ended) return ended;
    const isInterrupted = record.state === 'running' && index === record.plugins.length;
    return {
      name: step.name,
      action: step.action,
      status: 'Failed',
      exitCode: -1,
      ...(isInterrupted && record.startedAt !== undefined ? { startedAt: record.startedAt, endedAt } : {}),
      stdoutBytes: spool.size(index, 'stdout'),
      stderrBytes: spool.size(index, 'stderr'),
      message: isInterrupted ? INTERRUPTED : NOT_RUN,
    };
  });
  return {
    invocationId: record.run.invocationId,
    status: 'Failed',
    statusDetails: 'Failed',
    startedAt: record.startedAt ?? record.receivedAt,
    endedAt,
    plugins,
  };
}

/** A journal too damaged to read: all that is left to say is that the invocation failed. */
export function damagedResult(invocationId: string, at: number): FinishedResult {
  return { invocationId, status: 'Failed', statusDetails: 'Failed', startedAt: at, endedAt: at, plugins: [] };
}

/**
 * The output the server has not acknowledged, when it all fits in TAIL_MAX_BYTES; otherwise none,
 * and the server's `missing` answer asks for it.
 */
export function buildTail(result: FinishedResult, spool: OutputSpool, confirmed: (plugin: number, stream: 'stdout' | 'stderr') => number): CommandResult['tail'] {
  const ranges = result.plugins.flatMap((plugin, index) =>
    OUTPUT_STREAMS.map((stream) => {
      const total = stream === 'stdout' ? plugin.stdoutBytes : plugin.stderrBytes;
      const from = Math.min(confirmed(index, stream), total);
      return { plugin: index, stream, offset: from, length: total - from };
    }).filter((range) => range.length > 0),
  );
  if (ranges.reduce((sum, range) => sum + range.length, 0) > TAIL_MAX_BYTES) return [];
  return ranges.map((range) => ({ plugin: range.plugin, stream: range.stream, offset: range.offset, data: spool.read(range.plugin, range.stream, range.offset, range.length) }));
}
