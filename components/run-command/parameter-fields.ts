/**
 * Turns a document's parameter definitions into form fields and back into SendCommand's
 * `Parameters` (name → list of strings). Pure: the Run Command form and the document editor's
 * preview both use it, and it has its own tests.
 */
import type { ParameterDefinition } from '@/server/documents/parameters';

/** A parameter as the documents service parses it. */
export type { ParameterDefinition };

export type FieldKind = 'text' | 'textarea' | 'code' | 'checkbox' | 'number' | 'select' | 'json';

/** Which control a parameter gets: allowed values → select; `commands` (the script) → monospace. */
export function fieldKind(parameter: ParameterDefinition): FieldKind {
  if (parameter.allowedValues && parameter.allowedValues.length > 0 && parameter.type !== 'StringList') return 'select';
  switch (parameter.type) {
    case 'Boolean':
      return 'checkbox';
    case 'Integer':
      return 'number';
    case 'StringList':
      return parameter.name === 'commands' || parameter.name === 'runCommand' ? 'code' : 'textarea';
    case 'StringMap':
    case 'MapList':
      return 'json';
    default:
      return parameter.displayType === 'textarea' ? 'textarea' : 'text';
  }
}

/** What the form shows before the user types: the default, one list item per line. */
export function initialValue(parameter: ParameterDefinition): string {
  const value = parameter.default;
  if (value === undefined || value === null) return parameter.type === 'Boolean' ? 'false' : '';
  if (Array.isArray(value)) return value.map(String).join('\n');
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

export function initialValues(parameters: ParameterDefinition[]): Record<string, string> {
  return Object.fromEntries(parameters.map((parameter) => [parameter.name, initialValue(parameter)]));
}

const hasDefault = (parameter: ParameterDefinition) => parameter.default !== undefined && parameter.default !== null;

/** A StringList field: one item per line; blank lines are not items. */
export const listItems = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/**
 * The pattern as the server applies it (to the whole value), or null when a browser cannot read
 * it (AWS documents use Java regexes); the server still checks what the browser cannot.
 */
function compilePattern(pattern: string | undefined): RegExp | null {
  if (pattern === undefined) return null;
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return null;
  }
}

/** What is wrong with one field, in words, or null. The server checks again on send. */
export function fieldError(parameter: ParameterDefinition, text: string): string | null {
  const kind = fieldKind(parameter);
  if (kind === 'checkbox') return null;
  const items = parameter.type === 'StringList' ? listItems(text) : text === '' ? [] : [text];
  if (items.length === 0) return hasDefault(parameter) ? null : `${parameter.name} is required`;
  if (kind === 'number' && !/^-?\d+$/.test(text.trim())) return `${parameter.name} is a whole number, not '${text}'`;
  if (kind === 'json') {
    try {
      JSON.parse(text);
    } catch {
      return `${parameter.name} is a ${parameter.type} written as JSON`;
    }
    return null;
  }
  if (parameter.type === 'StringList') {
    if (parameter.minItems !== undefined && items.length < parameter.minItems) return `give at least ${parameter.minItems} item${parameter.minItems === 1 ? '' : 's'}, one per line`;
    if (parameter.maxItems !== undefined && items.length > parameter.maxItems) return `give at most ${parameter.maxItems} item${parameter.maxItems === 1 ? '' : 's'}`;
  }
  if (parameter.allowedValues?.length) {
    const outside = items.find((item) => !parameter.allowedValues!.includes(item));
    if (outside !== undefined) return `'${outside}' is not one of the allowed values (${parameter.allowedValues.join(', ')})`;
  }
  const pattern = compilePattern(parameter.allowedPattern);
  if (pattern) {
    const failing = items.find((item) => !pattern.test(item));
    if (failing !== undefined) return `'${failing.length > 60 ? `${failing.slice(0, 60)}…` : failing}' does not match the allowed pattern ${parameter.allowedPattern}`;
  }
  return null;
}

export function formErrors(parameters: ParameterDefinition[], values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const parameter of parameters) {
    const error = fieldError(parameter, values[parameter.name] ?? '');
    if (error) errors[parameter.name] = error;
  }
  return errors;
}

/**
 * SendCommand's Parameters: every list item a string, as AWS takes them. Left-empty fields are
 * left out so the document's own default applies.
 */
export function toCommandParameters(parameters: ParameterDefinition[], values: Record<string, string>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const parameter of parameters) {
    const text = values[parameter.name] ?? '';
    if (parameter.type === 'StringList') {
      const items = listItems(text);
      if (items.length > 0) result[parameter.name] = items;
    } else if (parameter.type === 'Boolean') {
      result[parameter.name] = [text === 'true' ? 'true' : 'false'];
    } else if (text.trim() !== '') {
      result[parameter.name] = [parameter.type === 'Integer' ? text.trim() : text];
    }
  }
  return result;
}
