import { describe, expect, it } from 'vitest';
import { fieldError, fieldKind, initialValues, toCommandParameters, type ParameterDefinition } from './parameter-fields';

const commands: ParameterDefinition = { name: 'commands', type: 'StringList', description: 'Commands to run', default: undefined };
const service: ParameterDefinition = { name: 'service', type: 'String', default: 'nginx', allowedPattern: '^[a-z0-9@._-]+$' };
const mode: ParameterDefinition = { name: 'mode', type: 'String', allowedValues: ['restart', 'reload'], default: 'restart' };
const verbose: ParameterDefinition = { name: 'verbose', type: 'Boolean', default: false };
const retries: ParameterDefinition = { name: 'retries', type: 'Integer', default: 3 };

describe('parameter fields', () => {
  it('gives each type its control', () => {
    expect([commands, service, mode, verbose, retries].map(fieldKind)).toEqual(['code', 'text', 'select', 'checkbox', 'number']);
    expect(fieldKind({ name: 'paths', type: 'StringList' })).toBe('textarea');
  });

  it('starts from the defaults, one list item per line', () => {
    expect(initialValues([commands, service, verbose, retries, { name: 'hosts', type: 'StringList', default: ['a', 'b'] }])).toEqual({
      commands: '',
      service: 'nginx',
      verbose: 'false',
      retries: '3',
      hosts: 'a\nb',
    });
  });

  it('checks required values, whole numbers, allowed values and allowed patterns', () => {
    expect(fieldError(commands, '\n  \n')).toBe('commands is required');
    expect(fieldError(service, '')).toBeNull();
    expect(fieldError(service, 'nginx; rm -rf /')).toBe("'nginx; rm -rf /' does not match the allowed pattern ^[a-z0-9@._-]+$");
    expect(fieldError(mode, 'stop')).toBe("'stop' is not one of the allowed values (restart, reload)");
    expect(fieldError(retries, '2.5')).toBe("retries is a whole number, not '2.5'");
    // A Java-only pattern is left to the server rather than refusing everything.
    expect(fieldError({ name: 'x', type: 'String', allowedPattern: '\\p{javaLowerCase}+(' }, 'abc')).toBeNull();
    // Matched whole, as the server does: an unanchored alternation bounds the whole value.
    expect(fieldError({ name: 'timeout', type: 'String', allowedPattern: '([1-9][0-9]{0,3})|(1[0-9]{1,4})' }, '99999')).toMatch(/does not match/);
  });

  it('sends lists item by item and leaves empty fields to the document defaults', () => {
    expect(toCommandParameters([commands, service, verbose, retries], { commands: 'echo 1\n\necho 2\n', service: '', verbose: 'true', retries: ' 5 ' })).toEqual({
      commands: ['echo 1', 'echo 2'],
      verbose: ['true'],
      retries: ['5'],
    });
  });
});
