/**
 * The dry run's parameters as typed (a JSON object, values given as a string, number, boolean or
 * list of them) as StartAutomationExecution's Parameters: name → list of strings.
 */
export function dryRunParameters(text: string): { values: Record<string, string[]> } | { error: string } {
  if (text.trim() === '') return { values: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `The parameters are not valid JSON: ${error instanceof Error ? error.message : 'cannot read them'}.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'The parameters are a JSON object: { "name": "value" } or { "name": ["value", …] }.' };
  const values: Record<string, string[]> = {};
  for (const [name, given] of Object.entries(value)) {
    const list: unknown[] = Array.isArray(given) ? given : [given];
    if (list.some((item) => item === null || typeof item === 'object')) return { error: `${name}: give a string, a number, true/false, or a list of them.` };
    values[name] = list.map(String);
  }
  return { values };
}
