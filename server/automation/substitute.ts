import { findReferences, wholeReference, type DocumentReference } from '@/server/documents/parameters';

/** What `{{ ... }}` in a step's inputs can name while a runbook runs. */
export interface SubstitutionScope {
  /** Runbook parameters, typed. */
  values: Record<string, unknown>;
  /** `step.Output` → value, for the steps that have finished. */
  stepOutputs: Record<string, unknown>;
  /** `automation:EXECUTION_ID`, `global:DATE`... */
  variables: Record<string, string>;
  /** The step names of the runbook, to tell "not produced yet" from "no such thing". */
  stepNames: ReadonlySet<string>;
  /** Parameter Store: plaintext for `ssm`, a sealed reference for `ssm-secure` (revealed only at use). */
  resolveStore(kind: 'ssm' | 'ssm-secure', name: string): Promise<string>;
}

/** The variables AWS substitutes in every runbook, fixed when the step's inputs are resolved. */
export function automationVariables(input: { executionId: string; documentName: string; region: string; accountId: string; now?: Date }): Record<string, string> {
  const now = input.now ?? new Date();
  const iso = now.toISOString();
  return {
    'automation:EXECUTION_ID': input.executionId,
    'automation:DOCUMENT_NAME': input.documentName,
    'global:DATE': iso.slice(0, 10),
    'global:DATE_TIME': iso.slice(0, 19).replace(/[-:]/g, '').replace('T', '_'),
    'global:REGION': input.region,
    'global:ACCOUNT_ID': input.accountId,
    'global:AWS_PARTITION': 'opsdeck',
  };
}

async function referenceValue(reference: DocumentReference, scope: SubstitutionScope): Promise<unknown> {
  if (reference.kind !== 'parameter') return scope.resolveStore(reference.kind, reference.name);
  const name = reference.name;
  if (Object.hasOwn(scope.values, name)) return scope.values[name];
  if (Object.hasOwn(scope.variables, name)) return scope.variables[name];
  if (Object.hasOwn(scope.stepOutputs, name)) return scope.stepOutputs[name];
  const [stepName] = name.split('.');
  if (name.includes('.') && scope.stepNames.has(stepName!)) {
    throw new Error(`{{ ${name} }}: step '${stepName}' has not produced the output '${name.slice(stepName!.length + 1)}' (it has not run, failed, or does not declare it)`);
  }
  throw new Error(`{{ ${name} }} names no parameter, step output or automation variable of this runbook`);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function substituteText(text: string, scope: SubstitutionScope): Promise<unknown> {
  const whole = wholeReference(text);
  // A value that is one reference takes the referenced value whole, typed (a list stays a list).
  if (whole) return referenceValue(whole, scope);
  let result = '';
  let last = 0;
  for (const reference of findReferences(text)) {
    result += text.slice(last, reference.start) + asText(await referenceValue(reference, scope));
    last = reference.end;
  }
  return result + text.slice(last);
}

/** Replaces every `{{ ... }}` in a step's inputs; throws with the reference that cannot be resolved. */
export async function substitute(value: unknown, scope: SubstitutionScope): Promise<unknown> {
  if (typeof value === 'string') return substituteText(value, scope);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(await substitute(item, scope));
    return items;
  }
  if (value && typeof value === 'object') {
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) entries.push([key, await substitute(item, scope)]);
    return Object.fromEntries(entries);
  }
  return value;
}
