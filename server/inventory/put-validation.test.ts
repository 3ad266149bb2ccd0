import { describe, expect, it } from 'vitest';
import type { InventoryItem } from '@/agent/protocol';
import { checkInventoryItems, CUSTOM_TYPE_LIMIT, type PutContext } from './put-validation';

const item = (TypeName: string, Content: Record<string, string>[] = [{ Id: '1' }], SchemaVersion = '1.0'): InventoryItem => ({ TypeName, SchemaVersion, CaptureTime: '2026-12-02T10:00:00Z', Content });
const api = (overrides: Partial<PutContext> = {}): PutContext => ({ knownCustomTypes: new Set(), disabledTypes: new Map(), isFromAgent: false, ...overrides });
const errorOf = (items: InventoryItem[], context = api()) => {
  try {
    checkInventoryItems(items, context);
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  return undefined;
};

describe('PutInventory checks', () => {
  it('accepts custom types and AWS: types held to their schema', () => {
    expect(errorOf([item('Custom:Rack', [{ Id: 'r1', Row: '3' }]), item('AWS:Service', [{ Name: 'ssh', Status: 'Running' }])])).toBeUndefined();
  });

  it('names a bad or unknown type name', () => {
    expect(errorOf([item('Rack')])?.name).toBe('InvalidTypeNameException');
    expect(errorOf([item('AWS:Rack')])).toMatchObject({ name: 'InvalidTypeNameException', message: expect.stringContaining('AWS:Application') });
  });

  it('holds AWS: types to their attributes, version and context, except from the agent', () => {
    expect(errorOf([item('AWS:Service', [{ Name: 'ssh', Colour: 'red' }])])).toMatchObject({ name: 'InvalidItemContentException', message: expect.stringContaining('Colour') });
    expect(errorOf([item('AWS:Application', [{ Name: 'x' }], '9.0')])?.name).toBe('UnsupportedInventorySchemaVersionException');
    expect(errorOf([{ ...item('AWS:Service', [{ Name: 'ssh' }]), Context: { a: 'b' } }])?.name).toBe('UnsupportedInventoryItemContextException');
    expect(errorOf([item('AWS:Service', [{ Name: 'ssh', Colour: 'red' }])], api({ isFromAgent: true }))).toBeUndefined();
  });

  it('limits custom types: attributes, size, count, disabled schemas', () => {
    const wide = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`A${index}`, 'x']));
    expect(errorOf([item('Custom:Wide', [wide])])?.name).toBe('InvalidItemContentException');
    const big = Array.from({ length: 60 }, (_, index) => ({ Id: String(index), Blob: 'x'.repeat(4000) }));
    expect(errorOf([item('Custom:Big', big)])?.name).toBe('ItemSizeLimitExceededException');
    const full = new Set(Array.from({ length: CUSTOM_TYPE_LIMIT }, (_, index) => `Custom:T${index}`));
    expect(errorOf([item('Custom:One-More')], api({ knownCustomTypes: full }))?.name).toBe('CustomSchemaCountLimitExceededException');
    expect(errorOf([item('Custom:T1')], api({ knownCustomTypes: full }))).toBeUndefined();
    const disabled = api({ disabledTypes: new Map([['Custom:Old', '1.0']]) });
    expect(errorOf([item('Custom:Old')], disabled)?.name).toBe('UnsupportedInventorySchemaVersionException');
    expect(errorOf([item('Custom:Old', [{ Id: '1' }], '1.1')], disabled)).toBeUndefined();
  });

  it('refuses the same type twice in one call', () => {
    expect(errorOf([item('Custom:Rack'), item('Custom:Rack')])?.message).toMatch(/twice/);
  });
});
