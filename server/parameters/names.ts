import { OpsdeckError } from '@/server/errors';
import { parameterArn } from '@/server/identity/arn';

/** AWS's own wording for a malformed name; clients match on it. */
export const NAME_RULES_MESSAGE =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
export const MAX_LEVELS = 15;
/** AWS counts the ARN prefix (`arn:aws:ssm:<region>:<account>:parameter/`) in the 1011. */
export const MAX_NAME_WITH_ARN = 1011;

const NAME_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/;
const RESERVED_PREFIX = /^\/?(aws|ssm)/i;
const RESERVED_PATH = /^\/aws\//i;

export function levelsOf(name: string): number {
  return name.startsWith('/') ? name.split('/').length - 1 : 1;
}

/** `/Name` and `Name` are one top-level parameter; deeper names keep their leading slash. */
export function nameKeyOf(name: string): string {
  return name.startsWith('/') && name.indexOf('/', 1) === -1 ? name.slice(1) : name;
}

/** The hierarchy a parameter sits in: `/a/b` for `/a/b/c`, `/` for a top-level name. */
export function parentPathOf(nameKey: string): string {
  const slash = nameKey.lastIndexOf('/');
  return slash <= 0 ? '/' : nameKey.slice(0, slash);
}

export function arnOfName(region: string, accountId: string, name: string): string {
  return parameterArn(region, accountId, nameKeyOf(name));
}

function hierarchyTooDeep(): OpsdeckError {
  return new OpsdeckError(
    'HierarchyLevelLimitExceededException',
    `A hierarchy can have a maximum of ${MAX_LEVELS} levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide.`,
  );
}

/**
 * The checks AWS makes on a name it is asked to create, in AWS's order and with its error
 * names. `/aws/...` is reserved for AWS's public parameters: writing there is a denial, not a typo.
 */
export function validateNewName(name: string, region: string, accountId: string): void {
  if (RESERVED_PATH.test(name)) throw new OpsdeckError('AccessDeniedException', `No access to reserved parameter name: ${name}.`);
  if (!NAME_CHARACTERS.test(name) || RESERVED_PREFIX.test(name)) throw new OpsdeckError('ValidationException', `${NAME_RULES_MESSAGE} (got '${name}')`);
  if (name.includes('/') && !name.startsWith('/')) throw new OpsdeckError('ValidationException', `Parameter name must be a fully qualified name: '${name}' contains '/' but does not start with it.`);
  if (name.endsWith('/') || name.includes('//')) throw new OpsdeckError('ValidationException', `${NAME_RULES_MESSAGE} (got '${name}': a sub-path is empty)`);
  if (levelsOf(name) > MAX_LEVELS) throw hierarchyTooDeep();
  const arnLength = arnOfName(region, accountId, name).replace(/^arn:[^:]+:/, 'arn:aws:').length;
  if (arnLength > MAX_NAME_WITH_ARN) {
    throw new OpsdeckError('ValidationException', `Parameter name is too long: with its ARN prefix it is ${arnLength} characters, and the maximum is ${MAX_NAME_WITH_ARN}.`);
  }
}

/** A path for GetParametersByPath or a Path filter: `/` or `/a/b`, trailing slash allowed. */
export function normalizePath(path: string): string {
  if (!path.startsWith('/')) throw new OpsdeckError('ValidationException', `The parameter path must begin with a forward slash "/": '${path}'.`);
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (trimmed !== '/' && (!NAME_CHARACTERS.test(trimmed) || trimmed.includes('//'))) {
    throw new OpsdeckError('ValidationException', `${NAME_RULES_MESSAGE} (got path '${path}')`);
  }
  if (trimmed !== '/' && levelsOf(trimmed) > MAX_LEVELS) throw hierarchyTooDeep();
  return trimmed;
}

export type Selector = { kind: 'latest' } | { kind: 'version'; version: number } | { kind: 'label'; label: string };

export interface ParsedReference {
  name: string;
  nameKey: string;
  selector: Selector;
  /** As AWS echoes it: `:3` or `:prod`. */
  selectorText?: string;
}

const ARN_NAME = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter\/(.+)$/;

/** `name`, `name:3`, `name:label`, or the parameter's ARN with the same selectors. */
export function parseReference(input: string): ParsedReference {
  let text = input.trim();
  const arn = ARN_NAME.exec(text);
  if (arn) text = arn[1]!.includes('/') ? `/${arn[1]}` : arn[1]!;
  const parts = text.split(':');
  if (parts.length > 2) throw new OpsdeckError('ValidationException', `Invalid parameter name ${input}: a name takes one selector at most (name:version or name:label).`);
  const [name, selectorText] = parts as [string, string | undefined];
  if (name === '') throw new OpsdeckError('ValidationException', 'Parameter name must not be empty.');
  const nameKey = nameKeyOf(name);
  if (selectorText === undefined) return { name, nameKey, selector: { kind: 'latest' } };
  if (selectorText === '') throw new OpsdeckError('ValidationException', `Invalid parameter name ${input}: the selector after ':' is empty.`);
  if (/^\d+$/.test(selectorText)) {
    const version = Number(selectorText);
    if (version < 1) throw new OpsdeckError('ValidationException', `Invalid parameter version ${selectorText}: versions start at 1.`);
    return { name, nameKey, selector: { kind: 'version', version }, selectorText: `:${selectorText}` };
  }
  return { name, nameKey, selector: { kind: 'label', label: selectorText }, selectorText: `:${selectorText}` };
}
