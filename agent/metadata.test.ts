import { describe, expect, it } from 'vitest';
import { bootTime, collectMetadata, parseOsRelease } from './metadata';
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
    // This machine booted before this test started, and not decades ago.
    expect(metadata.bootedAt).toBeLessThan(Date.now());
    expect(metadata.bootedAt).toBeGreaterThan(Date.now() - 3650 * 86_400_000);
  });

  it('reads the boot time from /proc/stat', () => {
    expect(bootTime('cpu  1 2 3\nintr 5\nbtime 1764655200\nprocesses 9\n')).toBe(1_764_655_200_000);
    expect(bootTime('cpu  1 2 3\n')).toBeUndefined();
  });
});
