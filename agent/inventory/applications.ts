import type { InventoryItem } from '../protocol';
import { detectPackageDatabase, listInstalledPackages } from '../patching/packages';
import type { CollectorContext } from './context';
import { inventoryDate, inventoryItem } from './item';

/** rpm's version without the Epoch and Release AWS reports beside it; dpkg's version whole, as AWS shows it for Debian. */
function awsVersion(pkg: { version: string; epoch: string; release: string }): string {
  if (!pkg.release) return pkg.version;
  const withoutEpoch = pkg.epoch ? pkg.version.slice(pkg.epoch.length + 1) : pkg.version;
  return withoutEpoch.endsWith(`-${pkg.release}`) ? withoutEpoch.slice(0, -pkg.release.length - 1) : withoutEpoch;
}

/** AWS:Application: every installed package, from dpkg or rpm. */
export async function collectApplications(ctx: CollectorContext): Promise<InventoryItem[]> {
  const database = detectPackageDatabase();
  if (!database) throw new Error('neither dpkg nor rpm is installed; no package list to report');
  const packages = await listInstalledPackages(ctx.run, database);
  const records = packages.map((pkg) => ({
    Name: pkg.name,
    ApplicationType: pkg.section,
    Publisher: pkg.publisher,
    Version: awsVersion(pkg),
    Release: pkg.release,
    Epoch: pkg.epoch,
    InstalledTime: inventoryDate(pkg.installedTime),
    Architecture: pkg.arch,
    URL: pkg.url,
    Summary: pkg.summary,
    PackageId: pkg.packageId,
  }));
  return [inventoryItem('AWS:Application', records, ctx.capturedAt)];
}
