import { finishedHint } from '@/server/hints';

/**
 * Automation executions ending, for other capabilities in this process (State Manager ends an
 * association run when its runbook ends); a sweep catches executions that ended on another replica.
 */
const automationFinished = finishedHint();

export const onAutomationFinished = automationFinished.on;
export const emitAutomationFinished = automationFinished.emit;
