import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { joinOptionValues } from './args';

describe('agent command-line values', () => {
  it('keeps an activation code that starts with a dash', () => {
    const args = ['--server', 'http://h:3000', '--code', '-AbC_12', '--id', 'x'];
    expect(() => parseArgs({ args, options: { server: { type: 'string' }, code: { type: 'string' }, id: { type: 'string' } } })).toThrow(/ambiguous/);
    const { values } = parseArgs({
      args: joinOptionValues(args, ['--server', '--code', '--id']),
      options: { server: { type: 'string' }, code: { type: 'string' }, id: { type: 'string' } },
    });
    expect(values).toEqual({ server: 'http://h:3000', code: '-AbC_12', id: 'x' });
  });

  it('leaves flags and already joined values alone', () => {
    expect(joinOptionValues(['--no-upload', '--state-dir=/x', '--name'], ['--state-dir', '--name'])).toEqual(['--no-upload', '--state-dir=/x', '--name']);
  });
});
