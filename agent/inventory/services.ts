import fs from 'node:fs';
import type { InventoryItem } from '../protocol';
import { describeFailure } from '../patching/tool';
import type { CollectorContext } from './context';
import { inventoryItem, type InventoryRecord } from './item';

/** sd_booted(3): systemd is the init system when this directory exists. */
const SYSTEMD_RUNTIME_DIR = '/run/systemd/system';

const START_TYPES: Record<string, string> = {
  enabled: 'Auto',
  'enabled-runtime': 'Auto',
  generated: 'Auto',
  static: 'Manual',
  indirect: 'Manual',
  linked: 'Manual',
  'linked-runtime': 'Manual',
  alias: 'Manual',
  disabled: 'Disabled',
  masked: 'Disabled',
  'masked-runtime': 'Disabled',
};

/** `systemctl list-units --type=service --all --no-legend --plain` and `list-unit-files` -> AWS:Service records. */
export function parseSystemdUnits(units: string, unitFiles: string): InventoryRecord[] {
  const startTypes = new Map<string, string>();
  for (const line of unitFiles.split('\n')) {
    const [unit, state] = line.trim().split(/\s+/);
    if (unit && state) startTypes.set(unit, START_TYPES[state] ?? 'Manual');
  }
  const records: InventoryRecord[] = [];
  for (const line of units.split('\n')) {
    const match = /^(\S+\.service)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, unit, , active, , description] = match;
    records.push({
      Name: unit!.replace(/\.service$/, ''),
      DisplayName: description ?? '',
      ServiceType: 'systemd',
      Status: active === 'active' ? 'Running' : 'Stopped',
      StartType: startTypes.get(unit!) ?? 'Manual',
    });
  }
  return records;
}

/** `service --status-all` lines: ` [ + ]  ssh` (running), `[ - ]` (stopped), `[ ? ]` (the script cannot tell). */
export function parseServiceStatusAll(output: string, isStartedAtBoot: (name: string) => boolean): InventoryRecord[] {
  const records: InventoryRecord[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*\[ ([+?-]) \]\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, status, name] = match;
    records.push({
      Name: name!,
      DisplayName: name!,
      ServiceType: 'sysvinit',
      Status: status === '+' ? 'Running' : status === '-' ? 'Stopped' : 'Unknown',
      StartType: isStartedAtBoot(name!) ? 'Auto' : 'Manual',
    });
  }
  return records;
}

/** A SysV script starts at boot when a runlevel 2-5 folder links it as `S<nn><name>`. */
function hasStartLink(name: string): boolean {
  return ['2', '3', '4', '5'].some((level) => {
    try {
      return fs.readdirSync(`/etc/rc${level}.d`).some((entry) => entry.startsWith('S') && entry.replace(/^S\d\d/, '') === name);
    } catch {
      return false;
    }
  });
}

async function systemdServices(ctx: CollectorContext): Promise<InventoryRecord[]> {
  const unitsArgs = ['list-units', '--type=service', '--all', '--no-legend', '--plain', '--no-pager'];
  const filesArgs = ['list-unit-files', '--type=service', '--no-legend', '--plain', '--no-pager'];
  const [units, files] = await Promise.all([ctx.run('systemctl', unitsArgs), ctx.run('systemctl', filesArgs)]);
  if (units.exitCode !== 0) throw new Error(describeFailure('systemctl', unitsArgs, units));
  return parseSystemdUnits(units.stdout, files.exitCode === 0 ? files.stdout : '');
}

async function sysvServices(ctx: CollectorContext): Promise<InventoryRecord[]> {
  const result = await ctx.run('service', ['--status-all']);
  if (result.error) throw new Error(describeFailure('service', ['--status-all'], result));
  // `service` prints the [ ? ] lines (scripts without a status action) on stderr, the rest on stdout.
  return parseServiceStatusAll(`${result.stdout}\n${result.stderr}`, hasStartLink);
}

/** AWS:Service: systemd units when systemd runs the node, else the SysV init scripts. */
export async function collectServices(ctx: CollectorContext): Promise<InventoryItem[]> {
  const records = fs.existsSync(SYSTEMD_RUNTIME_DIR) ? await systemdServices(ctx) : await sysvServices(ctx);
  return [inventoryItem('AWS:Service', records, ctx.capturedAt)];
}
