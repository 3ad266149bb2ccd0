import { and, asc, eq, inArray } from 'drizzle-orm';
import { commandOutput } from '@/db/schema';
import { getDb } from '@/server/context';
import type { OutputStream } from '@/agent/protocol';

/** AWS truncates GetCommandInvocation's StandardOutputContent / StandardErrorContent here. */
export const API_OUTPUT_LIMIT = 24_000;
/** ...and each plugin's Output in ListCommandInvocations (Details) here. */
export const PLUGIN_OUTPUT_LIMIT = 2_500;
/** How AWS joins a plugin's stdout and stderr in its Output. */
export const ERROR_SEPARATOR = '\n----------ERROR-------\n';

export interface Span {
  offset: number;
  length: number;
}

/**
 * How many bytes from 0 the spans cover without a gap. Spans may overlap: an agent that resends
 * a range after a reconnect may cut it into other chunks than it did live.
 */
export function contiguousBytes(spans: Span[]): number {
  let end = 0;
  for (const span of [...spans].sort((a, b) => a.offset - b.offset)) {
    if (span.offset > end) break;
    end = Math.max(end, span.offset + span.length);
  }
  return end;
}

/** Joins chunks into the stream they came from, taking each byte once. */
export function assemble(chunks: { offset: number; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  let end = 0;
  for (const chunk of [...chunks].sort((a, b) => a.offset - b.offset)) {
    if (chunk.offset > end) break;
    const fresh = chunk.data.subarray(end - chunk.offset);
    if (fresh.length > 0) parts.push(fresh);
    end = Math.max(end, chunk.offset + chunk.data.length);
  }
  return Buffer.concat(parts);
}

export type PluginOutput = Record<OutputStream, Buffer>;

/** Every step's output of one invocation, by plugin index. */
export async function readInvocationOutput(invocationId: string, plugin?: number): Promise<Map<number, PluginOutput>> {
  const where = plugin === undefined ? eq(commandOutput.invocationId, invocationId) : and(eq(commandOutput.invocationId, invocationId), eq(commandOutput.plugin, plugin));
  const rows = await getDb().select().from(commandOutput).where(where).orderBy(asc(commandOutput.plugin), asc(commandOutput.offset));
  return groupOutput(rows).get(invocationId) ?? new Map();
}

/** Output of many invocations at once (the results table's first lines). */
export async function readOutputs(invocationIds: string[]): Promise<Map<string, Map<number, PluginOutput>>> {
  if (invocationIds.length === 0) return new Map();
  const rows = await getDb().select().from(commandOutput).where(inArray(commandOutput.invocationId, invocationIds)).orderBy(asc(commandOutput.offset));
  return groupOutput(rows);
}

function groupOutput(rows: (typeof commandOutput.$inferSelect)[]): Map<string, Map<number, PluginOutput>> {
  const chunks = new Map<string, { offset: number; data: Buffer }[]>();
  for (const row of rows) {
    const key = `${row.invocationId}|${row.plugin}|${row.stream}`;
    const list = chunks.get(key) ?? [];
    list.push({ offset: row.offset, data: row.data });
    chunks.set(key, list);
  }
  const result = new Map<string, Map<number, PluginOutput>>();
  for (const [key, list] of chunks) {
    const [invocationId, pluginText, stream] = key.split('|') as [string, string, OutputStream];
    const byPlugin = result.get(invocationId) ?? new Map<number, PluginOutput>();
    const output = byPlugin.get(Number(pluginText)) ?? { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
    output[stream] = assemble(list);
    byPlugin.set(Number(pluginText), output);
    result.set(invocationId, byPlugin);
  }
  return result;
}

/** Text as AWS returns it: UTF-8 (bad bytes replaced), cut to `limit` characters. */
export function truncatedText(data: Buffer, limit: number): string {
  const text = data.toString('utf8');
  return text.length > limit ? text.slice(0, limit) : text;
}

/** A plugin's Output as ListCommandInvocations shows it: stdout, then stderr after AWS's separator. */
export function pluginOutputText(output: PluginOutput | undefined, limit: number): string {
  if (!output) return '';
  const stdout = output.stdout.toString('utf8');
  const stderr = output.stderr.toString('utf8');
  const text = stderr ? `${stdout}${ERROR_SEPARATOR}${stderr}` : stdout;
  return text.length > limit ? text.slice(0, limit) : text;
}
