import { parse as parseYaml } from 'yaml';

/**
 * A runbook's text as data, for drawing it: YAML is a superset of JSON, so one parser reads both
 * formats. Null with the parser's words when it does not parse (yet: the editor is mid-edit).
 */
export function parseRunbook(content: string): { document: unknown; error: null } | { document: null; error: string } {
  try {
    return { document: parseYaml(content) as unknown, error: null };
  } catch (error) {
    return { document: null, error: error instanceof Error ? error.message.split('\n')[0]! : 'the content does not parse' };
  }
}

/** The names of the runbook's top-level steps, in order (what StartStep can name). */
export function runbookStepNames(document: unknown): string[] {
  const steps = (document as { mainSteps?: unknown } | null)?.mainSteps;
  if (!Array.isArray(steps)) return [];
  return steps.map((step) => (step as { name?: unknown } | null)?.name).filter((name): name is string => typeof name === 'string');
}
