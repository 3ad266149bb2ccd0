import { describe, expect, it } from 'vitest';
import { baseName, checkDownloadPath, remotePathFor } from './transfer';

describe('remotePathFor', () => {
  it('puts the file in the folder', () => {
    expect(remotePathFor('/tmp', 'report.csv')).toEqual({ path: '/tmp/report.csv' });
    expect(remotePathFor(' /home/opsdeck-user/ ', 'a b.txt')).toEqual({ path: '/home/opsdeck-user/a b.txt' });
    expect(remotePathFor('/', 'x')).toEqual({ path: '/x' });
  });

  it('refuses relative folders and names that are not file names', () => {
    expect(remotePathFor('tmp', 'x')).toEqual({ error: "the remote folder must be an absolute path (starting with /), not 'tmp'" });
    expect(remotePathFor('/tmp', '..')).toEqual({ error: "'..' is not a file name" });
    expect(remotePathFor('/tmp', 'a/b')).toEqual({ error: "'a/b' is not a file name" });
    expect(remotePathFor('/tmp\0', 'x')).toEqual({ error: 'a path may not contain a NUL character' });
  });
});

describe('checkDownloadPath', () => {
  it('accepts an absolute file path and says what is wrong with others', () => {
    expect(checkDownloadPath('/etc/hostname')).toBeUndefined();
    expect(checkDownloadPath('etc/hostname')).toBe("the remote path must be absolute (starting with /), not 'etc/hostname'");
    expect(checkDownloadPath('/etc/')).toBe("'/etc/' is a folder; name a file in it");
  });
});

describe('baseName', () => {
  it('is the last part of the path', () => {
    expect(baseName('/var/log/syslog')).toBe('syslog');
    expect(baseName('/')).toBe('download');
  });
});
