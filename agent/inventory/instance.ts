import fs from 'node:fs/promises';
import os from 'node:os';
import { AGENT_VERSION, collectMetadata } from '../metadata';
import type { InventoryItem } from '../protocol';
import type { CollectorContext } from './context';
import { inventoryItem } from './item';

/** AWS:InstanceInformation, from the same metadata the agent reports when it connects. */
export async function collectInstanceInformation(ctx: CollectorContext): Promise<InventoryItem[]> {
  const metadata = collectMetadata();
  const record = {
    AgentType: 'opsdeck-agent',
    AgentVersion: AGENT_VERSION,
    ComputerName: metadata.computerName,
    IpAddress: metadata.ipAddresses[0] ?? '',
    PlatformName: metadata.platformName,
    PlatformType: metadata.platformType,
    PlatformVersion: metadata.platformVersion,
    ResourceType: 'ManagedInstance',
    InstanceId: ctx.nodeId,
    InstanceStatus: 'Active',
  };
  return [inventoryItem('AWS:InstanceInformation', [record], ctx.capturedAt)];
}

export interface CpuSummary {
  model: string;
  sockets: number;
  cores: number;
  logical: number;
  mhz: number;
  isHyperThreaded: boolean;
}

/** Sockets, cores and threads from /proc/cpuinfo (`physical id`, `core id` per logical CPU). */
export function parseCpuinfo(text: string): CpuSummary {
  const processors = text.split(/\n\s*\n/).filter((block) => /^processor\s*:/m.test(block));
  const field = (block: string, name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(block)?.[1]?.trim();
  const sockets = new Set<string>();
  const cores = new Set<string>();
  for (const block of processors) {
    const socket = field(block, 'physical id') ?? '0';
    sockets.add(socket);
    cores.add(`${socket}/${field(block, 'core id') ?? cores.size}`);
  }
  const first = processors[0] ?? '';
  const logical = processors.length;
  return {
    // ARM kernels print no model name; lscpu falls back the same way.
    model: field(first, 'model name') ?? field(first, 'Hardware') ?? field(first, 'Processor') ?? '',
    sockets: Math.max(1, sockets.size),
    cores: Math.max(1, cores.size),
    logical,
    mhz: Math.round(Number(field(first, 'cpu MHz') ?? 0)),
    isHyperThreaded: cores.size > 0 && logical > cores.size,
  };
}

/** AWS:InstanceDetailedInformation, with the kernel's release and build (AWS has no kernel type of its own on Linux). */
export async function collectInstanceDetails(ctx: CollectorContext): Promise<InventoryItem[]> {
  const cpu = parseCpuinfo(await fs.readFile('/proc/cpuinfo', 'utf8').catch(() => ''));
  const cpus = os.cpus();
  const record = {
    CPUModel: cpu.model || cpus[0]?.model || '',
    CPUCores: String(cpu.cores),
    CPUs: String(cpu.logical || cpus.length),
    CPUSpeedMHz: String(cpu.mhz || cpus[0]?.speed || ''),
    CPUSockets: String(cpu.sockets),
    CPUHyperThreadEnabled: String(cpu.isHyperThreaded),
    OSServicePack: '',
    KernelRelease: os.release(),
    KernelVersion: os.version(),
    Architecture: os.machine(),
  };
  return [inventoryItem('AWS:InstanceDetailedInformation', [record], ctx.capturedAt)];
}
