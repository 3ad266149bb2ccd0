import { describe, expect, it } from 'vitest';
import { STARTER_CONTENT, convertFormat } from './document-format';

describe('document format switch', () => {
  it('converts between YAML and JSON both ways', () => {
    const json = convertFormat(STARTER_CONTENT.YAML, 'YAML', 'JSON')!;
    expect(JSON.parse(json)).toEqual(JSON.parse(STARTER_CONTENT.JSON));
    expect(convertFormat(json, 'JSON', 'YAML')).toContain('runCommand:\n        - echo "{{ message }}"');
  });

  it('keeps text that does not parse for the check to explain', () => {
    expect(convertFormat('{"schemaVersion": ', 'JSON', 'YAML')).toBeNull();
  });
});
