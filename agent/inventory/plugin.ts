/**
 * aws:softwareInventory: collects the node's inventory types and sends each to the server as one
 * `inventory:put` (AWS PutInventory's item shape). A collector that fails is reported and the
 * others still run; the step fails only when nothing could be sent.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { CommandStep, InventoryItem } from '../protocol';
import { stepTimeout, stoppedOutcome, text, timedOutMessage, type StepContext, type StepOutcome } from '../commands/plugins/context';
import { ToolStopped, toolRunner } from '../patching/tool';
import { collectApplications } from './applications';
import type { CollectorContext } from './context';
import { collectCustomInventory } from './custom';
import { collectFiles, parseFileQueries } from './files';
import { collectInstanceDetails, collectInstanceInformation } from './instance';
import { fitForSocket } from './item';
import { collectNetwork } from './network';
import { collectServices } from './services';

const inventorySwitch = z.union([z.literal(''), z.enum(['Enabled', 'Disabled'])]).optional();
// The Windows-only switches (windowsUpdates, windowsRoles, windowsRegistry) and billingInfo
// (EC2 license data) are accepted and ignored on Linux, as the SSM agent does; awsComponents
// (AWS's own agents) too: Opsdeck's agent reports itself in AWS:InstanceInformation.
const inputsSchema = z.object({
  applications: inventorySwitch,
  awsComponents: inventorySwitch,
  networkConfig: inventorySwitch,
  services: inventorySwitch,
  instanceDetailedInformation: inventorySwitch,
  customInventory: inventorySwitch,
  files: z.unknown().optional(),
});
type InventoryInputs = z.infer<typeof inputsSchema>;

interface Collector {
  /** What the output table calls it when it fails before naming a type. */
  label: string;
  isEnabled(inputs: InventoryInputs): boolean;
  collect(ctx: CollectorContext, inputs: InventoryInputs): Promise<InventoryItem[]>;
}

const isOn = (value: InventoryInputs[keyof InventoryInputs]) => value !== 'Disabled';

const COLLECTORS: Collector[] = [
  // AWS always collects the instance's own record, whatever the switches say.
  { label: 'AWS:InstanceInformation', isEnabled: () => true, collect: collectInstanceInformation },
  { label: 'AWS:Application', isEnabled: (inputs) => isOn(inputs.applications), collect: collectApplications },
  { label: 'AWS:Network', isEnabled: (inputs) => isOn(inputs.networkConfig), collect: collectNetwork },
  { label: 'AWS:Service', isEnabled: (inputs) => isOn(inputs.services), collect: collectServices },
  { label: 'AWS:InstanceDetailedInformation', isEnabled: (inputs) => isOn(inputs.instanceDetailedInformation), collect: collectInstanceDetails },
  { label: 'AWS:File', isEnabled: () => true, collect: (ctx, inputs) => collectFiles(ctx, parseFileQueries(inputs.files)) },
  { label: 'Custom:*', isEnabled: (inputs) => isOn(inputs.customInventory), collect: collectCustomInventory },
];

interface Row {
  type: string;
  items: string;
  result: string;
}

function formatTable(rows: Row[]): string {
  const width = Math.max(14, ...rows.map((row) => row.type.length));
  const line = (row: Row) => `${row.type.padEnd(width)}  ${row.items.padStart(5)}  ${row.result}`;
  return `${[line({ type: 'Inventory type', items: 'Items', result: 'Stored' }), ...rows.map(line)].join('\n')}\n`;
}

const failed = (message: string): StepOutcome => ({ status: 'Failed', exitCode: -1, message });

export async function softwareInventory(step: CommandStep, ctx: StepContext): Promise<StepOutcome> {
  const parsed = inputsSchema.safeParse(step.inputs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failed(`${issue?.path.join('.')}: expected Enabled or Disabled`);
  }
  const timeout = stepTimeout(step.inputs.timeoutSeconds, ctx.deadline);
  if ('error' in timeout) return failed(timeout.error);
  const endsAt = performance.now() + timeout.ms;
  const collectorContext: CollectorContext = {
    nodeId: ctx.nodeId,
    run: toolRunner({ signal: ctx.signal, endsAt }),
    signal: ctx.signal,
    capturedAt: new Date(),
    warn: (message) => ctx.output.write('stderr', text(`${message}\n`)),
    checkStop: () => {
      if (ctx.signal.aborted) throw new ToolStopped(ctx.signal.reason);
      if (performance.now() >= endsAt) throw new ToolStopped('timeout');
    },
  };

  const rows: Row[] = [];
  let sent = 0;
  for (const collector of COLLECTORS.filter((entry) => entry.isEnabled(parsed.data))) {
    let items: InventoryItem[];
    try {
      collectorContext.checkStop();
      items = await collector.collect(collectorContext, parsed.data);
    } catch (error) {
      if (error instanceof ToolStopped) return error.reason === 'timeout' ? { status: 'TimedOut', exitCode: -1, message: timedOutMessage(ctx, timeout) } : stoppedOutcome(error.reason);
      if (ctx.signal.aborted) return stoppedOutcome(ctx.signal.reason);
      collectorContext.warn(`${collector.label}: ${(error as Error).message}`);
      rows.push({ type: collector.label, items: '-', result: 'not collected' });
      continue;
    }
    for (const item of items) {
      const result = await sendItem(ctx, item, collectorContext.warn);
      if (result.isSent) sent += 1;
      rows.push({ type: item.TypeName, items: String(item.Content?.length ?? 0), result: result.text });
    }
  }
  ctx.output.write('stdout', text(formatTable(rows)));
  if (ctx.signal.aborted) return stoppedOutcome(ctx.signal.reason);
  if (sent === 0) return failed('no inventory could be sent to the server; see the step output');
  return { status: 'Success', exitCode: 0 };
}

/** One `inventory:put`; a refusal or a lost connection is noted and the next type still goes. */
async function sendItem(ctx: StepContext, item: InventoryItem, warn: (message: string) => void): Promise<{ isSent: boolean; text: string }> {
  try {
    const fitted = fitForSocket(item);
    if (fitted.dropped.length > 0) warn(`${item.TypeName}: left out ${fitted.dropped.join(', ')} so the list fits in one message`);
    const answer = await ctx.callServer('inventory:put', { invocationId: ctx.invocationId, item: fitted.item });
    if (!answer.ok) {
      warn(`${item.TypeName}: the server refused it: ${answer.error}`);
      return { isSent: false, text: 'refused' };
    }
    return { isSent: true, text: answer.result.changed ? 'changed' : 'unchanged' };
  } catch (error) {
    warn(`${item.TypeName}: not sent: ${(error as Error).message}`);
    return { isSent: false, text: 'not sent' };
  }
}
