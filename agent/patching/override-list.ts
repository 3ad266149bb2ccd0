import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** AWS's InstallOverrideList file: `patches:` with an `id` per patch (for apt, the package name; `name.arch` and `name:arch` also match). */
const overrideListSchema = z.object({
  patches: z
    .array(z.object({ id: z.string().min(1).max(256), title: z.string().max(512).optional() }))
    .max(50_000)
    .nullable()
    .transform((patches) => patches ?? []),
});

const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Reads the list from an https URL (as AWS takes it) or a file:// URL (Opsdeck's tests, and nodes
 * that get the file some other way). Returns the patch ids.
 */
export async function fetchOverrideList(location: string, signal: AbortSignal): Promise<string[]> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new Error(`InstallOverrideList '${location}' is not a URL`);
  }
  let body: string;
  if (url.protocol === 'file:') {
    body = await fs.readFile(fileURLToPath(url), { encoding: 'utf8', signal });
  } else if (url.protocol === 'https:') {
    const response = await fetch(url, { signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`downloading InstallOverrideList ${url.href} failed: HTTP ${response.status} ${response.statusText}`);
    }
    body = await response.text();
  } else {
    throw new Error(`InstallOverrideList must be an https:// (or file://) URL, not ${url.protocol}`);
  }
  if (Buffer.byteLength(body) > MAX_BYTES) throw new Error(`InstallOverrideList ${url.href} is larger than ${MAX_BYTES} bytes`);
  return parseOverrideList(body, url.href);
}

export function parseOverrideList(body: string, where: string): string[] {
  let document: unknown;
  try {
    document = parseYaml(body);
  } catch (error) {
    throw new Error(`InstallOverrideList ${where} is not YAML: ${(error as Error).message}`, { cause: error });
  }
  const parsed = overrideListSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`InstallOverrideList ${where}: ${issue?.path.join('.') || 'document'}: ${issue?.message}; expected "patches: [{id: name, title: ...}]"`);
  }
  return parsed.data.patches.map((patch) => patch.id);
}

/** Whether an offered update is on the list: by name, `name.arch` (AWS's form) or `name:arch` (dpkg's). */
export function isOnOverrideList(ids: Set<string>, update: { name: string; arch: string }): boolean {
  return ids.has(update.name) || ids.has(`${update.name}.${update.arch}`) || ids.has(`${update.name}:${update.arch}`);
}
