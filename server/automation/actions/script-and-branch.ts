import { revealSecureReferences } from '@/server/parameters/references';
import { chooseNextStep } from '../conditions';
import { runScript } from '../script';
import { errorMessage, failed, type ActionHandler } from './types';

/** AWS's ceiling for aws:executeScript, and the memory each script may use. */
const MAX_SCRIPT_SECONDS = 600;
const SCRIPT_MEMORY_MB = 256;

/**
 * aws:executeScript in a separate, resource-limited child process. Not idempotent: a server that
 * dies mid-script counts the attempt as failed rather than running the script again blindly.
 */
export const executeScriptAction: ActionHandler = {
  defaultTimeoutSeconds: MAX_SCRIPT_SECONDS,
  async run(context) {
    const { Runtime: runtime, Handler: handler, Script: script, InputPayload: inputPayload } = context.inputs;
    const timeoutSeconds = Math.min(context.step.timeoutSeconds ?? MAX_SCRIPT_SECONDS, MAX_SCRIPT_SECONDS);
    const result = await runScript({
      runtime: String(runtime),
      handler: String(handler),
      script: String(script),
      inputPayload: await revealSecureReferences(inputPayload ?? {}),
      timeoutSeconds,
      memoryMb: SCRIPT_MEMORY_MB,
    }).catch((error: unknown) => ({ ok: false as const, error: errorMessage(error), logs: '' }));
    if (!result.ok) return { kind: 'failed', message: result.error, failureType: 'Action', response: { Logs: result.logs } };
    return { kind: 'success', response: { Payload: result.payload, Logs: result.logs } };
  },
};

/**
 * aws:branch: the first choice that holds picks the next step, else Default; with neither, the
 * runbook goes on to the step after the branch (the graph draws that edge too).
 */
export const branchAction: ActionHandler = {
  async run(context) {
    try {
      const choice = chooseNextStep(context.inputs);
      if (choice.nextStep === undefined) return { kind: 'success', outputs: {}, response: { Reason: choice.reason } };
      return { kind: 'success', nextStep: choice.nextStep };
    } catch (error) {
      return failed(errorMessage(error), 'Configuration');
    }
  },
};
