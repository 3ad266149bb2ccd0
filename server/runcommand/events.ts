import { EventEmitter } from 'node:events';

/**
 * Commands finishing, for other capabilities in this process (Automation's aws:runCommand steps
 * wait on them). Only a hint: listeners re-read the database, since the command may have finished
 * on another replica and this one hears nothing.
 */
const emitter = new EventEmitter();
emitter.setMaxListeners(50);

export function onCommandFinished(listener: (commandId: string) => void): () => void {
  emitter.on('finished', listener);
  return () => emitter.off('finished', listener);
}

export function emitCommandFinished(commandId: string): void {
  emitter.emit('finished', commandId);
}
