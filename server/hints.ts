import { EventEmitter } from 'node:events';

/**
 * "This id just finished", from one capability to others in this process. Only a hint: listeners
 * re-read the database, and each has its own sweep for what finished on another replica.
 */
export interface FinishedHint {
  on(listener: (id: string) => void): () => void;
  emit(id: string): void;
}

export function finishedHint(): FinishedHint {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  return {
    on(listener) {
      emitter.on('finished', listener);
      return () => emitter.off('finished', listener);
    },
    emit(id) {
      emitter.emit('finished', id);
    },
  };
}
