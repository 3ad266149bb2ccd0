/**
 * Semantic-version order for agent versions ("0.1.0" < "0.2.0" < "0.10.0"; "1.0.0-rc.1" <
 * "1.0.0"). Text that is not a version sorts before every version, so it never counts as newest.
 */
const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): { core: [number, number, number]; prerelease: string[] } | null {
  const match = VERSION.exec(text.trim());
  if (!match) return null;
  return { core: [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)], prerelease: match[4] ? match[4].split('.') : [] };
}

export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return left ? 1 : right ? -1 : a.localeCompare(b);
  for (let index = 0; index < 3; index += 1) {
    const difference = left.core[index]! - right.core[index]!;
    if (difference !== 0) return Math.sign(difference);
  }
  // A release outranks its pre-releases; pre-release identifiers compare numerically when numeric.
  if (left.prerelease.length === 0 || right.prerelease.length === 0) return right.prerelease.length - left.prerelease.length === 0 ? 0 : left.prerelease.length === 0 ? 1 : -1;
  for (let index = 0; index < Math.max(left.prerelease.length, right.prerelease.length); index += 1) {
    const x = left.prerelease[index];
    const y = right.prerelease[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const isNumeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    const difference = isNumeric ? Number(x) - Number(y) : x.localeCompare(y);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** The highest of some versions, or undefined when none parses. */
export function newestVersion(versions: string[]): string | undefined {
  return versions.filter((version) => parseVersion(version)).sort(compareVersions).at(-1);
}
