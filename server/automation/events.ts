import { EventEmitter } from 'node:events';

/**
 * Automation executions ending, for other capabilities in this process (State Manager ends an
 * association run when its runbook ends). Only a hint: listeners re-read the database, and a
 * sweep catches executions that ended on another replica.
 */
const emitter = new EventEmitter();
emitter.setMaxListeners(50);

export function onAutomationFinished(listener: (executionId: string) => void): () => void {
  emitter.on('finished', listener);
  return () => emitter.off('finished', listener);
}

export function emitAutomationFinished(executionId: string): void {
  emitter.emit('finished', executionId);
}
