import { MAX_LEVELS, MAX_NAME_WITH_ARN, levelsOf, validateNewName } from '@/server/parameters/names';

export interface NameRule {
  id: 'characters' | 'reserved' | 'path' | 'levels' | 'length';
  /** The rule as the form lists it, met or not. */
  label: string;
  isMet: boolean;
  /** Why this name breaks it, in words; only when not met. */
  problem?: string;
}

// The same sets as server/parameters/names.ts (which keeps its regexes private); the test beside
// this file checks that the two agree name for name.
const ALLOWED_CHARACTER = /[a-zA-Z0-9_.\-/]/;
const RESERVED_PREFIX = /^\/?(aws|ssm)/i;

function describeCharacter(character: string): string {
  if (character === ' ') return 'a space';
  if (/\s/.test(character)) return 'whitespace';
  return `'${character}'`;
}

function badCharacters(name: string): string[] {
  return [...new Set([...name].filter((character) => !ALLOWED_CHARACTER.test(character)))];
}

function pathProblem(name: string): string | undefined {
  if (!name.includes('/')) return undefined;
  if (!name.startsWith('/')) return `a hierarchical name starts with '/': try '/${name}'`;
  if (name === '/') return "'/' alone is a path, not a name: add a name after it";
  if (name.endsWith('/')) return 'it ends with \'/\': a name cannot end with an empty level';
  if (name.includes('//')) return "it has '//': a level between two slashes is empty";
  return undefined;
}

/** `arn:opsdeck:ssm:<region>:<account>:parameter/` → region and account, for the server's own check. */
function regionAndAccount(arnPrefix: string): { region: string; accountId: string } {
  const [, , , region = '', accountId = ''] = arnPrefix.split(':');
  return { region, accountId };
}

/**
 * The naming rules, each met or not for `name`, so the form can show them as the user types.
 * `arnPrefix` is the install's parameter ARN prefix: AWS counts it in the length limit.
 */
export function checkParameterName(name: string, arnPrefix: string): NameRule[] {
  const bad = badCharacters(name);
  const levels = levelsOf(name);
  const withArn = `arn:aws:${arnPrefix.split(':').slice(2).join(':')}${name.startsWith('/') ? name.slice(1) : name}`.length;
  const path = pathProblem(name);
  const isReserved = RESERVED_PREFIX.test(name);
  return [
    {
      id: 'characters',
      label: 'Letters, numbers and the symbols . - _ only, with / between levels',
      isMet: name !== '' && bad.length === 0,
      problem: name === '' ? 'enter a name' : bad.length > 0 ? `it contains ${bad.map(describeCharacter).join(', ')}, which a parameter name may not` : undefined,
    },
    {
      id: 'reserved',
      label: 'Does not begin with "aws" or "ssm" (in any case)',
      isMet: !isReserved,
      problem: isReserved ? `names beginning with "${RESERVED_PREFIX.exec(name)?.[1]}" are reserved for AWS` : undefined,
    },
    { id: 'path', label: 'A hierarchy starts with / and has no empty level', isMet: path === undefined, problem: path },
    {
      id: 'levels',
      label: `At most ${MAX_LEVELS} levels`,
      isMet: levels <= MAX_LEVELS,
      problem: levels > MAX_LEVELS ? `it has ${levels} levels; a hierarchy can have at most ${MAX_LEVELS}` : undefined,
    },
    {
      id: 'length',
      label: `At most ${MAX_NAME_WITH_ARN} characters with the ARN prefix`,
      isMet: withArn <= MAX_NAME_WITH_ARN,
      problem: withArn > MAX_NAME_WITH_ARN ? `with its ARN prefix it has ${withArn} characters; the maximum is ${MAX_NAME_WITH_ARN}` : undefined,
    },
  ];
}

/**
 * What is wrong with a new name, in words, or null when it may be created. The server's own
 * check runs last, so the form never lets through a name the server would refuse.
 */
export function parameterNameProblem(name: string, arnPrefix: string): string | null {
  const broken = checkParameterName(name, arnPrefix).find((rule) => !rule.isMet);
  if (broken) return `Name '${name}': ${broken.problem}.`;
  try {
    const { region, accountId } = regionAndAccount(arnPrefix);
    validateNewName(name, region, accountId);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The path a name sits in: `/a/b` for `/a/b/c`, `/` for a top-level name. */
export function parentPathOfName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash <= 0 ? '/' : name.slice(0, slash);
}

/** The last level of a path or name: `c` for `/a/b/c`. */
export function lastLevel(path: string): string {
  return path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1);
}
