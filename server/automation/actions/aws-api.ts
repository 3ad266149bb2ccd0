import { randomInt } from 'node:crypto';
import { dispatch } from '@/server/api/dispatcher';
import { toAwsJson } from '@/server/api/aws-json';
import { isOpsdeckError, validationError } from '@/server/errors';
import { revealSecureReferences } from '@/server/parameters/references';
import { putParameter } from '@/server/parameters/service';
import { selectValue } from '../selectors';
import { errorMessage, failed, type ActionHandler, type StepContext, type StepResult } from './types';

/** Services a step may call: Opsdeck answers SSM's API (and accepts its own name for it). */
const SERVICES = new Set(['ssm', 'opsdeck']);
const ACTION_KEYS = new Set(['Service', 'Api', 'PropertySelector', 'DesiredValues']);
/** How often aws:waitForAwsResourceProperty looks again. */
const POLL_SECONDS = 3;

/** `describeInstanceInformation` and `DescribeInstanceInformation` both name the operation, as in AWS. */
function operationName(api: unknown): string {
  const text = String(api ?? '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Read operations are safe to repeat after a crash; anything else may already have happened. */
export function isReadOperation(api: unknown): boolean {
  return /^(Get|Describe|List)/.test(operationName(api));
}

/**
 * Decrypted SecureString values never reach a step's stored response or outputs: step rows are
 * plaintext, and secrets must not land in the database.
 */
export function redactSecureValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecureValues);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const copy = Object.fromEntries(Object.entries(record).map(([key, item]) => [key, redactSecureValues(item)]));
  if (record.Type === 'SecureString' && typeof record.Value === 'string') copy.Value = '(SecureString value withheld from the execution record)';
  return copy;
}

const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_';

/**
 * Opsdeck's own operation for runbooks that rotate secrets: the server makes the value and stores
 * it as a SecureString, so the plaintext never passes through a step's outputs.
 */
async function putRandomSecureString(body: Record<string, unknown>, context: StepContext): Promise<unknown> {
  const length = Number(body.Length ?? 32);
  if (!Number.isInteger(length) || length < 16 || length > 4096) throw validationError(`Length must be a whole number from 16 to 4096, not ${JSON.stringify(body.Length)}`);
  // randomInt draws each character uniformly; a byte modulo 58 would favour the first 24 characters.
  const value = Array.from({ length }, () => SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)]).join('');
  const result = await putParameter(context.caller, {
    Name: String(body.Name ?? ''),
    Type: 'SecureString',
    Value: value,
    Overwrite: true,
    KeyId: body.KeyId === undefined ? undefined : String(body.KeyId),
    Description: body.Description === undefined ? undefined : String(body.Description),
  });
  return { ...result, Length: length };
}

type CallOutcome = { ok: true; response: unknown } | { ok: false; result: StepResult };

/** Calls one of Opsdeck's own API operations with the execution's caller's permissions. */
async function callApi(context: StepContext): Promise<CallOutcome> {
  const service = String(context.inputs.Service ?? '').toLowerCase();
  if (!SERVICES.has(service)) {
    return { ok: false, result: failed(`Service '${String(context.inputs.Service)}' is not one Opsdeck answers; use Service: ssm`, 'Configuration') };
  }
  const body = Object.fromEntries(Object.entries(context.inputs).filter(([key]) => !ACTION_KEYS.has(key)));
  const api = operationName(context.inputs.Api);
  try {
    const response = service === 'opsdeck' && api === 'PutRandomSecureString' ? await putRandomSecureString(body, context) : await dispatch(api, await revealSecureReferences(body), context.caller);
    return { ok: true, response: redactSecureValues(toAwsJson(response ?? {})) };
  } catch (error) {
    const code = isOpsdeckError(error) ? error.code : 'InternalServerError';
    return { ok: false, result: { kind: 'failed', message: `${operationName(context.inputs.Api)} failed: ${code}: ${errorMessage(error)}`, failureType: code === 'AccessDeniedException' ? 'Verification' : 'Action' } };
  }
}

function desiredValues(inputs: Record<string, unknown>): string[] {
  const desired = inputs.DesiredValues;
  return (Array.isArray(desired) ? desired : [desired]).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
}

/** The property's values as text (a selector can match several), or why it matched nothing. */
function observedValues(response: unknown, selector: unknown): string[] | string {
  let matches: unknown[];
  try {
    matches = selectValue(response, String(selector));
  } catch (error) {
    return `PropertySelector ${String(selector)}: ${errorMessage(error)}`;
  }
  if (matches.length === 0) return `PropertySelector ${String(selector)} matched nothing in the response`;
  return matches.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
}

/** aws:executeAwsApi: the response, for the step's outputs to select from. */
export const executeAwsApiAction: ActionHandler = {
  async run(context) {
    const call = await callApi(context);
    if (!call.ok) return call.result;
    return { kind: 'success', response: call.response };
  },
};

/** aws:assertAwsResourceProperty: one look; the step fails unless the property has a desired value. */
export const assertPropertyAction: ActionHandler = {
  async run(context) {
    const call = await callApi(context);
    if (!call.ok) return call.result;
    const observed = observedValues(call.response, context.inputs.PropertySelector);
    if (typeof observed === 'string') return { kind: 'failed', message: observed, failureType: 'Verification', response: call.response };
    const desired = desiredValues(context.inputs);
    if (observed.every((value) => desired.includes(value))) return { kind: 'success', response: call.response };
    return {
      kind: 'failed',
      failureType: 'Verification',
      message: `${String(context.inputs.PropertySelector)} is ${observed.map((value) => `'${value}'`).join(', ')}; expected ${desired.map((value) => `'${value}'`).join(' or ')}`,
      response: call.response,
    };
  },
};

/** aws:waitForAwsResourceProperty: looks every few seconds until the property has a desired value. */
export const waitForPropertyAction: ActionHandler = {
  defaultTimeoutSeconds: 3600,
  async run(context) {
    const call = await callApi(context);
    if (!call.ok) return call.result;
    const observed = observedValues(call.response, context.inputs.PropertySelector);
    const desired = desiredValues(context.inputs);
    if (typeof observed !== 'string' && observed.every((value) => desired.includes(value))) return { kind: 'success', response: call.response };
    await context.saveState({ polls: (context.step.state.polls ?? 0) + 1, lastObserved: typeof observed === 'string' ? observed : observed.join(', ') });
    return { kind: 'waiting', status: 'InProgress', wakeAt: new Date(context.now.getTime() + POLL_SECONDS * 1000) };
  },
};
