import { randomBytes } from 'node:crypto';

/** AWS's resource id form: a prefix, '-' and 17 random hex digits (mi-…, mw-…, pb-…, session ids). */
export function randomResourceId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}
