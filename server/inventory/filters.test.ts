import { describe, expect, it } from 'vitest';
import { checkFilter, entryMatches, parseFilterKey, type InventoryFilter } from './filters';

// As the agent reports a package: Version without epoch and revision, those in Epoch and Release.
const openssl = { Name: 'openssl', Version: '3.0.2', Release: '0ubuntu1.10', Epoch: '', Architecture: 'amd64' };
const filter = (attribute: string, operator: InventoryFilter['operator'], values: string[], typeName = 'AWS:Application'): InventoryFilter => ({ typeName, attribute, operator, values });

describe('inventory filters', () => {
  it('splits a key into type and attribute', () => {
    expect(parseFilterKey('AWS:Application.Name')).toEqual({ typeName: 'AWS:Application', attribute: 'Name' });
    expect(parseFilterKey('Custom:Rack.Info.Row')).toEqual({ typeName: 'Custom:Rack.Info', attribute: 'Row' });
    expect(() => parseFilterKey('Application.Name')).toThrow(/TypeName.Attribute/);
  });

  it('compares package versions as dpkg does, not as text', () => {
    expect(entryMatches(filter('Version', 'LessThan', ['3.0.15']), openssl, 'dpkg')).toBe(true);
    expect(entryMatches(filter('Version', 'GreaterThan', ['3.0.15']), openssl, 'dpkg')).toBe(false);
    expect(entryMatches(filter('Version', 'LessThan', ['3.0.2']), openssl, 'dpkg')).toBe(false);
    expect(entryMatches(filter('Version', 'Equal', ['3.0.2-0ubuntu1.10']), openssl, 'dpkg')).toBe(true);
    expect(entryMatches(filter('Version', 'Equal', ['3.0.2']), openssl, 'dpkg')).toBe(true);
  });

  it('orders epoch, version and release together', () => {
    const withEpoch = { Name: 'vim', Version: '9.0.1378', Release: '2', Epoch: '2' };
    expect(entryMatches(filter('Version', 'GreaterThan', ['10.0']), withEpoch, 'dpkg')).toBe(true);
    expect(entryMatches(filter('Version', 'LessThan', ['3.0.2-0ubuntu1.11']), openssl, 'dpkg')).toBe(true);
    expect(entryMatches(filter('Version', 'LessThan', ['3.0.2']), openssl, 'dpkg')).toBe(false);
  });

  it('compares numbers as numbers and other text as text', () => {
    const file = { Name: 'big.log', Size: '900' };
    expect(entryMatches(filter('Size', 'GreaterThan', ['1000'], 'AWS:File'), file, 'dpkg')).toBe(false);
    expect(entryMatches(filter('Name', 'BeginWith', ['big'], 'AWS:File'), file, 'dpkg')).toBe(true);
    expect(entryMatches(filter('Name', 'NotEqual', ['big.log', 'x'], 'AWS:File'), file, 'dpkg')).toBe(false);
    expect(entryMatches(filter('Hash', 'Exists', [], 'AWS:File'), file, 'dpkg')).toBe(false);
  });

  it('refuses comparisons without exactly one value, and text where a number belongs', () => {
    expect(() => checkFilter(filter('Version', 'LessThan', ['1', '2']))).toThrow(/exactly one value/);
    expect(() => checkFilter(filter('Name', 'Equal', []))).toThrow(/needs a value/);
    expect(() => checkFilter(filter('Size', 'LessThan', ['big'], 'AWS:File'))).toThrow(/is a number/);
  });
});
