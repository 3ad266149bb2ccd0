import type { ManagedNode, PingStatus } from '@/db/schema';

/** A managed node as the console and the API see it: never its secret or connection id. */
export interface NodeView {
  nodeId: string;
  name: string;
  pingStatus: PingStatus;
  lastPingDateTime: Date | null;
  computerName: string | null;
  ipAddress: string | null;
  ipAddresses: string[];
  platformType: string | null;
  platformName: string | null;
  platformVersion: string | null;
  kernelVersion: string | null;
  architecture: string | null;
  agentVersion: string | null;
  activationId: string | null;
  registrationDate: Date;
  tags: Record<string, string>;
  region: string | null;
  account: string | null;
}

export function toNodeView(row: ManagedNode): NodeView {
  return {
    nodeId: row.id,
    name: row.name,
    pingStatus: row.pingStatus,
    lastPingDateTime: row.lastPingAt,
    computerName: row.computerName,
    ipAddress: row.ipAddresses[0] ?? null,
    ipAddresses: row.ipAddresses,
    platformType: row.platformType,
    platformName: row.platformName,
    platformVersion: row.platformVersion,
    kernelVersion: row.kernelVersion,
    architecture: row.architecture,
    agentVersion: row.agentVersion,
    activationId: row.activationId,
    registrationDate: row.registeredAt,
    tags: row.tags,
    region: row.region,
    account: row.account,
  };
}
