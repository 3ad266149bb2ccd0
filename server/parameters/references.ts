import { createHmac, timingSafeEqual } from 'node:crypto';
import { getServerContext } from '@/server/context';
import { OpsdeckError } from '@/server/errors';
import { systemCaller, type Caller } from '@/server/identity/caller';
import { findReferences } from '@/server/documents/parameters';
import { getParameter } from './service';

/**
 * `{{ssm:name}}` and `{{ssm-secure:name}}` in documents. A plain value is substituted when the
 * command is sent. A secure one is checked then (the sender must be able to read and decrypt it)
 * but stored only as a sealed placeholder, and decrypted when the command goes to a node: the
 * plaintext never lands in the commands table. The seal is a MAC under the install's master key,
 * so a placeholder typed into a parameter value cannot make the server reveal a secret.
 */
const SEALED = /\{\{opsdeck-secure:([a-zA-Z0-9_.\-/:]+?)#([A-Za-z0-9_-]{43})\}\}/g;

function macOf(name: string): string {
  return createHmac('sha256', getServerContext().masterKey).update(`ssm-secure-reference:${name}`).digest('base64url');
}

function sealReference(name: string): string {
  return `{{opsdeck-secure:${name}#${macOf(name)}}}`;
}

function isGenuine(name: string, mac: string): boolean {
  const expected = Buffer.from(macOf(name));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function asInvalidParameters(kind: string, name: string, error: unknown): unknown {
  if (error instanceof OpsdeckError && ['ParameterNotFound', 'ParameterVersionNotFound', 'ValidationException'].includes(error.code)) {
    return new OpsdeckError('InvalidParameters', `{{${kind}:${name}}}: ${error.message}`);
  }
  return error;
}

export async function resolveDocumentReference(caller: Caller, kind: 'ssm' | 'ssm-secure', name: string): Promise<string> {
  try {
    if (kind === 'ssm') {
      const { Parameter } = await getParameter(caller, { Name: name });
      if (Parameter.Type === 'SecureString') {
        throw new OpsdeckError('InvalidParameters', `{{ssm:${name}}} refers to a SecureString; reference it as {{ssm-secure:${name}}}`);
      }
      return Parameter.Value;
    }
    const { Parameter } = await getParameter(caller, { Name: name, WithDecryption: true });
    if (Parameter.Type !== 'SecureString') {
      throw new OpsdeckError('InvalidParameters', `{{ssm-secure:${name}}} refers to a ${Parameter.Type}; reference it as {{ssm:${name}}}`);
    }
    return sealReference(name);
  } catch (error) {
    throw asInvalidParameters(kind, name, error);
  }
}

function collectSealed(value: unknown, names: Set<string>): void {
  if (typeof value === 'string') {
    for (const match of value.matchAll(SEALED)) if (isGenuine(match[1]!, match[2]!)) names.add(match[1]!);
  } else if (Array.isArray(value)) {
    for (const item of value) collectSealed(item, names);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectSealed(item, names);
  }
}

function replaceSealed<T>(value: T, plaintexts: Map<string, string>): T {
  if (typeof value === 'string') {
    return value.replace(SEALED, (whole, name: string, mac: string) => (isGenuine(name, mac) && plaintexts.has(name) ? plaintexts.get(name)! : whole)) as T;
  }
  if (Array.isArray(value)) return value.map((item) => replaceSealed(item, plaintexts)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceSealed(item, plaintexts)])) as T;
  return value;
}

/** The steps a node receives: sealed secure references decrypted (audited as the server's own decryption). */
export async function revealSecureReferences<T>(steps: T): Promise<T> {
  const names = new Set<string>();
  collectSealed(steps, names);
  if (names.size === 0) return steps;
  const caller = systemCaller();
  const plaintexts = new Map<string, string>();
  for (const name of names) {
    const { Parameter } = await getParameter(caller, { Name: name, WithDecryption: true });
    plaintexts.set(name, Parameter.Value);
  }
  return replaceSealed(steps, plaintexts);
}

/**
 * Parameter values may hold references too (`commands=["echo {{ssm:/app/url}}"]`, as AWS
 * allows): resolved with the sender's own rights, so a value can reveal nothing its sender could
 * not read anyway.
 */
export async function resolveReferencesInValues(caller: Caller, values: Record<string, string[]>): Promise<Record<string, string[]>> {
  const resolved: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(values)) {
    resolved[name] = [];
    for (const text of list) resolved[name].push(await resolveReferencesInText(caller, text));
  }
  return resolved;
}

async function resolveReferencesInText(caller: Caller, text: string): Promise<string> {
  const references = findReferences(text).filter((reference) => reference.kind !== 'parameter');
  if (references.length === 0) return text;
  let result = '';
  let last = 0;
  for (const reference of references) {
    result += text.slice(last, reference.start) + (await resolveDocumentReference(caller, reference.kind as 'ssm' | 'ssm-secure', reference.name));
    last = reference.end;
  }
  return result + text.slice(last);
}
