import { EventEmitter } from 'node:events';
import { processSlot } from '@/server/process-slot';

/**
 * "This node may now match different targets": it registered, or its tags changed. State Manager
 * applies associations to nodes that newly match. Held in a process slot because registration and
 * tagging run in route handlers, which Next bundles apart from the server entry that listens.
 */
const emitterSlot = processSlot<EventEmitter>('node-target-events');

function emitter(): EventEmitter {
  let current = emitterSlot.get();
  if (!current) {
    current = new EventEmitter();
    emitterSlot.set(current);
  }
  return current;
}

export function onNodeTargetsChanged(listener: (nodeId: string) => void): () => void {
  emitter().on('changed', listener);
  return () => emitter().off('changed', listener);
}

export function emitNodeTargetsChanged(nodeId: string): void {
  emitter().emit('changed', nodeId);
}
