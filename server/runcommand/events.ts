import { finishedHint } from '@/server/hints';

/**
 * Commands finishing, for other capabilities in this process (Automation's aws:runCommand steps
 * wait on them), though the command may have finished on another replica and this one hears nothing.
 */
const commandFinished = finishedHint();

export const onCommandFinished = commandFinished.on;
export const emitCommandFinished = commandFinished.emit;
