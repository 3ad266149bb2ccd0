import { describe, expect, it } from 'vitest';
import { operatingSystemOf, packageFormatOf } from './operating-systems';

describe('operatingSystemOf', () => {
  it.each([
    ['Debian GNU/Linux', '12', 'DEBIAN', 'Debian12'],
    ['Ubuntu', '22.04', 'UBUNTU', 'Ubuntu22.04'],
    ['Red Hat Enterprise Linux', '9.4', 'REDHAT_ENTERPRISE_LINUX', 'RedhatEnterpriseLinux9.4'],
    ['Amazon Linux', '2023', 'AMAZON_LINUX_2023', 'AmazonLinux2023'],
    ['Amazon Linux', '2', 'AMAZON_LINUX_2', 'AmazonLinux2'],
    ['Rocky Linux', '9.3', 'ROCKY_LINUX', 'RockyLinux9.3'],
    ['AlmaLinux', '9.4', 'ALMA_LINUX', 'AlmaLinux9.4'],
  ])('maps %s %s to %s (%s)', (name, version, operatingSystem, product) => {
    expect(operatingSystemOf(name, version)).toEqual({ operatingSystem, product });
  });

  it('knows no baseline for other platforms', () => {
    expect(operatingSystemOf('macOS', '14.1')).toBeNull();
    expect(operatingSystemOf(null, null)).toBeNull();
  });

  it('knows how each platform versions its packages, baseline or not', () => {
    expect(['Ubuntu', 'Debian GNU/Linux', 'Linux Mint', 'macOS', null].map(packageFormatOf)).toEqual(['dpkg', 'dpkg', 'dpkg', 'dpkg', 'dpkg']);
    const rpm = ['Red Hat Enterprise Linux', 'Rocky Linux', 'AlmaLinux', 'Amazon Linux', 'CentOS Stream', 'Oracle Linux Server', 'SLES', 'openSUSE Leap', 'Fedora Linux'];
    expect(rpm.map(packageFormatOf)).toEqual(rpm.map(() => 'rpm'));
    expect(operatingSystemOf('Fedora Linux', '40')).toBeNull();
  });
});
