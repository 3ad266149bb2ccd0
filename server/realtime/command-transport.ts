import type { Server } from 'socket.io';
import { AGENT_NAMESPACE, COMMAND_CANCEL_EVENT, COMMAND_RUN_EVENT } from '@/agent/protocol';
import type { RunCommandTransport } from '@/server/runcommand/engine';
import { nodeRoom } from './agent-namespace';
import { CONSOLE_NAMESPACE, commandRoom } from './console-namespace';

/** An agent that has not journalled a run within this long is treated as not having it; it is resent on reconnect. */
const DELIVERY_ACK_MS = 30_000;

/** Run Command's wires: emits to a node's room (any replica with the Redis adapter) and to watching consoles. */
export function createCommandTransport(io: Server): RunCommandTransport {
  const agents = io.of(AGENT_NAMESPACE);
  const consoles = io.of(CONSOLE_NAMESPACE);
  const firstAnswer = <T>(event: string, nodeId: string, payload: unknown) =>
    new Promise<T | null>((resolve) => {
      agents
        .to(nodeRoom(nodeId))
        .timeout(DELIVERY_ACK_MS)
        .emit(event, payload, (error: Error | null, answers: T[]) => resolve(!error && answers?.length ? answers[0]! : null));
    });
  return {
    run: (nodeId, run) => firstAnswer<{ accepted: boolean }>(COMMAND_RUN_EVENT, nodeId, run),
    cancel: (nodeId, invocationId) => firstAnswer<{ found: boolean }>(COMMAND_CANCEL_EVENT, nodeId, { invocationId }),
    notify: (commandId, event, payload) => consoles.to(commandRoom(commandId)).emit(event, payload),
  };
}
