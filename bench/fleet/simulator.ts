/**
 * The fleet simulator: N real `Agent`s in this one process, each registered through a real
 * activation, each with its own state dir (so Run Command's exactly-once journal is the real
 * one), real socket.io connections and real child processes for commands.
 *
 *   import { startFleet } from './bench/fleet/simulator';
 *   const fleet = await startFleet({ serverUrl, activationId, activationCode, count: 1000 });
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from '../../agent/agent';
import { collectMetadata } from '../../agent/metadata';
import type { NodeMetadata } from '../../agent/protocol';
import type { Registration } from '../../agent/state';

export interface FleetOptions {
  serverUrl: string;
  activationId: string;
  activationCode: string;
  count: number;
  /** Where the agents' state dirs go; a fresh temp dir by default. */
  stateRoot?: string;
  namePrefix?: string;
  tags?: Record<string, string>;
  /** Registrations in flight at once. */
  registerConcurrency?: number;
}

export interface SimulatedNode {
  index: number;
  nodeId: string;
  stateDir: string;
  agent: Agent;
}

export interface Fleet {
  nodes: SimulatedNode[];
  stateRoot: string;
  /** Resolves when every agent has been welcomed (Online) since this call. */
  online(timeoutMs?: number): Promise<void>;
  /**
   * Replaces one node's Agent with a new one on the same state dir: a restarted agent process.
   * Waits until it is online again unless `waitOnline` is false (its server may be down).
   */
  restart(node: SimulatedNode, options?: { waitOnline?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A thousand simulated nodes share one disk where real ones have a disk each; their journals go to
 * memory (/dev/shm) when it exists, so the simulator measures the server rather than one disk's
 * metadata operations.
 */
function defaultStateParent(): string {
  return fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function waitOnline(agents: Agent[], timeoutMs: number): Promise<void> {
  const waiting = agents.filter((agent) => !agent.isConnected);
  if (waiting.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let left = waiting.length;
    const timer = setTimeout(() => reject(new Error(`${left} of ${agents.length} agents not online after ${timeoutMs} ms`)), timeoutMs);
    for (const agent of waiting) {
      agent.once('online', () => {
        left -= 1;
        if (left === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const stateRoot = options.stateRoot ?? fs.mkdtempSync(path.join(defaultStateParent(), 'opsdeck-fleet-'));
  // One metadata read for the whole fleet: 1,000 agents reading /proc on every reconnect would
  // measure the simulator, not the server.
  const base = collectMetadata();
  const metadataFor = (index: number): NodeMetadata => ({ ...base, computerName: `${options.namePrefix ?? 'sim'}-${index}` });
  const registrations = await mapLimited(Array.from({ length: options.count }, (_, index) => index), options.registerConcurrency ?? 16, async (index): Promise<Registration & { stateDir: string }> => {
    const stateDir = path.join(stateRoot, `node-${index}`);
    const registration = await Agent.register({
      serverUrl: options.serverUrl,
      activationId: options.activationId,
      activationCode: options.activationCode,
      stateDir,
      name: `${options.namePrefix ?? 'sim'}-${index}`,
      tags: options.tags,
      metadata: metadataFor(index),
    });
    return { ...registration, stateDir };
  });
  const createAgent = (registration: Registration, stateDir: string, index: number) => new Agent(registration, () => metadataFor(index), { stateDir, protectedPaths: [stateDir] });
  const nodes: SimulatedNode[] = registrations.map((registration, index) => ({
    index,
    nodeId: registration.nodeId,
    stateDir: registration.stateDir,
    agent: createAgent(registration, registration.stateDir, index),
  }));
  for (const node of nodes) node.agent.start();
  return {
    nodes,
    stateRoot,
    online: (timeoutMs = 60_000) => waitOnline(nodes.map((node) => node.agent), timeoutMs),
    async restart(node, { waitOnline: shouldWait = true } = {}) {
      await node.agent.stop();
      node.agent = createAgent(node.agent.registration, node.stateDir, node.index);
      node.agent.start();
      if (shouldWait) await waitOnline([node.agent], 30_000);
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.agent.stop()));
    },
  };
}
