import { describe, expect, it } from 'vitest';
import { collectMetadata, parseOsRelease } from './metadata';
import { nodeMetadataSchema } from './protocol';

describe('parseOsRelease', () => {
  it('reads quoted, unquoted and escaped values and skips comments', () => {
    const fields = parseOsRelease(
      ['# comment', 'NAME="Debian GNU/Linux"', 'VERSION_ID=12', "ID_LIKE='rhel fedora'", 'PRETTY_NAME="Say \\"hi\\""', 'garbage line'].join('\n'),
    );
    expect(fields).toEqual({ NAME: 'Debian GNU/Linux', VERSION_ID: '12', ID_LIKE: 'rhel fedora', PRETTY_NAME: 'Say "hi"' });
  });
});

describe('collectMetadata', () => {
  it('describes this machine in the shape the server accepts', () => {
    const metadata = collectMetadata();
    expect(nodeMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(metadata.platformType).toBe('Linux');
    expect(metadata.ipAddresses.length).toBeGreaterThan(0);
    expect(metadata.architecture).not.toBe('x64'); // AWS reports x86_64, not Node's name
  });
});
