/**
 * Package version ordering as the package managers themselves order versions, so a fleet query
 * "openssl < 3.0.15" answers what `dpkg --compare-versions` or `rpmdev-vercmp` would on the node.
 * Both are faithful ports: dpkg's verrevcmp (lib/dpkg/version.c) and rpm's rpmvercmp
 * (rpmio/rpmvercmp.c), each applied to epoch, upstream version and revision/release in turn.
 */

import type { PackageFormat } from '@/server/patch-manager/operating-systems';

interface EpochVersionRelease {
  epoch: number;
  version: string;
  release: string;
}

/** `[epoch:]upstream[-revision]`: the epoch before the first colon, the revision after the last hyphen. */
function splitVersion(text: string): EpochVersionRelease {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const epochText = colon > 0 ? trimmed.slice(0, colon) : '';
  const epoch = /^\d+$/.test(epochText) ? Number(epochText) : 0;
  const rest = colon > 0 && /^\d+$/.test(epochText) ? trimmed.slice(colon + 1) : trimmed;
  const hyphen = rest.lastIndexOf('-');
  return hyphen >= 0 ? { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) } : { epoch, version: rest, release: '' };
}

const isDigit = (char: string) => char >= '0' && char <= '9';
const isAlpha = (char: string) => (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');

/** dpkg's order(): letters sort before non-letters, '~' before everything, even the end of the string. */
function dpkgOrder(char: string): number {
  if (char === '' || isDigit(char)) return 0;
  if (isAlpha(char)) return char.charCodeAt(0);
  if (char === '~') return -1;
  return char.charCodeAt(0) + 256;
}

/** dpkg's verrevcmp: alternating non-digit and digit runs, compared left to right. */
export function dpkgVerrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a[i]!)) || (j < b.length && !isDigit(b[j]!))) {
      const ac = dpkgOrder(a.charAt(i));
      const bc = dpkgOrder(b.charAt(j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a.charAt(i) === '0') i++;
    while (b.charAt(j) === '0') j++;
    while (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charAt(i))) return 1;
    if (isDigit(b.charAt(j))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

/** rpm's rpmvercmp: alphanumeric segments, '~' sorts before anything, '^' after the end but before more. */
export function rpmVercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const isSeparator = (char: string) => char !== '' && !isDigit(char) && !isAlpha(char) && char !== '~' && char !== '^';
  while (i < a.length || j < b.length) {
    while (isSeparator(a.charAt(i))) i++;
    while (isSeparator(b.charAt(j))) j++;
    const one = a.charAt(i);
    const two = b.charAt(j);
    if (one === '~' || two === '~') {
      if (one !== '~') return 1;
      if (two !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (one === '^' || two === '^') {
      if (one === '') return -1;
      if (two === '') return 1;
      if (one !== '^') return 1;
      if (two !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (one === '' || two === '') break;
    const isNumeric = isDigit(one);
    const inSegment = isNumeric ? isDigit : isAlpha;
    let endA = i;
    let endB = j;
    while (endA < a.length && inSegment(a[endA]!)) endA++;
    while (endB < b.length && inSegment(b[endB]!)) endB++;
    // A numeric segment is newer than an alphabetic one.
    if (endB === j) return isNumeric ? 1 : -1;
    let segmentA = a.slice(i, endA);
    let segmentB = b.slice(j, endB);
    if (isNumeric) {
      segmentA = segmentA.replace(/^0+/, '');
      segmentB = segmentB.replace(/^0+/, '');
      if (segmentA.length !== segmentB.length) return segmentA.length > segmentB.length ? 1 : -1;
    }
    if (segmentA !== segmentB) return segmentA < segmentB ? -1 : 1;
    i = endA;
    j = endB;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Compares two full package versions (epoch, version, revision/release); negative, zero or positive. */
export function compareVersions(a: string, b: string, scheme: PackageFormat = 'dpkg'): number {
  const left = splitVersion(a);
  const right = splitVersion(b);
  if (left.epoch !== right.epoch) return left.epoch - right.epoch;
  const compare = scheme === 'dpkg' ? dpkgVerrevcmp : rpmVercmp;
  return Math.sign(compare(left.version, right.version)) || Math.sign(compare(left.release, right.release));
}
