/** A UUID in its usual text form: the ids of executions, runs, keys, tasks. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checked before a lookup, so a malformed id is "not found" rather than a fault of the uuid column. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
