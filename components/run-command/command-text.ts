/** Words and numbers the Run Command pages show, kept pure so they can be tested. */

interface TargetsOf {
  InstanceIds: string[];
  Targets: { Key: string; Values: string[] }[];
}

const plural = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

/** "mi-0a1… and 2 more", "tag:Role = web or api", "resource group web-prod": what a command was sent to. */
export function targetsSummary(command: TargetsOf): string {
  const listIds = (ids: string[]) => (ids.length <= 2 ? ids.join(', ') : `${ids.slice(0, 2).join(', ')} and ${ids.length - 2} more`);
  if (command.InstanceIds.length > 0) return listIds(command.InstanceIds);
  return command.Targets.map(({ Key, Values }) => {
    if (Key === 'InstanceIds') return listIds(Values);
    if (Key === 'resource-groups:Name') return `resource group ${Values.join(', ')}`;
    if (Key.startsWith('tag:')) return `${Key.slice(4)} = ${Values.join(' or ')}`;
    if (Key === 'tag-key') return `has tag ${Values.join(' or ')}`;
    return `${Key} = ${Values.join(', ')}`;
  }).join(' and ');
}

/** "4.2 s", "3 min 05 s": how long a node took. */
export function duration(startIso?: string, endIso?: string): string {
  if (!startIso || !endIso) return '—';
  const seconds = (new Date(endIso).getTime() - new Date(startIso).getTime()) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** AWS joins a step's stdout and stderr in Output with this line. */
const ERROR_SEPARATOR = '\n----------ERROR-------\n';

/** A node's output as the results list has it: each step's Output (first 2,500 characters), in order. */
export const outputOf = (invocation: { CommandPlugins: { Output: string }[] }) => invocation.CommandPlugins.map((plugin) => plugin.Output).filter(Boolean).join('\n');

/** The first line worth showing in a table cell. */
export function firstLine(output: string): string {
  const line = output.replace(ERROR_SEPARATOR, '\n').split('\n').find((candidate) => candidate.trim() !== '');
  return line?.trim() ?? '';
}

/** Grouped on this much output, as much as ListCommandInvocations returns per step. */
export const GROUP_OUTPUT_CHARS = 2500;

export interface OutputGroup<T> {
  status: string;
  output: string;
  invocations: T[];
}

/**
 * Nodes whose status and output (the first 2,500 characters) are the same, biggest group first:
 * "812 nodes: ok" reads faster than 812 rows.
 */
export function groupByOutput<T extends { Status: string; CommandPlugins: { Output: string }[] }>(invocations: T[]): OutputGroup<T>[] {
  const groups = new Map<string, OutputGroup<T>>();
  for (const invocation of invocations) {
    const output = outputOf(invocation).slice(0, GROUP_OUTPUT_CHARS);
    const key = `${invocation.Status}\u0000${output}`;
    const group = groups.get(key) ?? { status: invocation.Status, output, invocations: [] };
    group.invocations.push(invocation);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.invocations.length - a.invocations.length || a.status.localeCompare(b.status));
}

/** "812 nodes: ok": a group's heading. */
export function groupTitle(group: OutputGroup<unknown>): string {
  const summary = firstLine(group.output);
  return `${plural(group.invocations.length, 'node')}: ${summary || '(no output)'}`;
}
