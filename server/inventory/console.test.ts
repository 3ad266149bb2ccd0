import { describe, expect, it } from 'vitest';
import { csvField } from './console';

describe('CSV export fields', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('openssl')).toBe('openssl');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  // A package summary or custom value starting with = would run as a formula in a spreadsheet.
  it('defuses values a spreadsheet would run as formulas (CSV injection)', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2')).toBe("'-2");
  });
});
