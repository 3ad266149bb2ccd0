/**
 * Debian's control-file syntax (RFC 822-like stanzas) as apt-cache show, apt-get indextargets and
 * Release files print it: `Key: value`, continuation lines indented, stanzas split by blank lines.
 */
export function parseDeb822(text: string): Record<string, string>[] {
  const stanzas: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  let lastKey = '';
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      current = null;
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (current && lastKey) current[lastKey] += `\n${line.trim()}`;
      continue;
    }
    const match = /^([^:\s]+):\s?(.*)$/.exec(line);
    if (!match) continue;
    if (!current) {
      current = {};
      stanzas.push(current);
    }
    lastKey = match[1]!;
    current[lastKey] = match[2]!.trim();
  }
  return stanzas;
}

/** A Release/InRelease `Date:` (RFC 2822, e.g. `Sat, 10 Aug 2024 09:21:40 UTC`) as epoch ms. */
export function parseReleaseDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
