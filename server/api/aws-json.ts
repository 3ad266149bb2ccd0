import { z } from 'zod';

/**
 * AWS JSON 1.1 writes timestamps as epoch seconds (JSON numbers); the JavaScript SDK rejects
 * ISO strings. Converts every Date in a response and drops undefined members.
 */
export function toAwsJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toAwsJson);
  // A plain loop: this runs on every member of every response, where entries/filter/fromEntries
  // would allocate three arrays per object.
  const converted: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) converted[key] = toAwsJson(member);
  }
  return converted;
}

/** A timestamp member as clients send it: epoch seconds (the SDKs and CLI) or an ISO string. */
export const awsTimestamp = z.union([
  z.number().transform((seconds) => new Date(seconds * 1000)),
  z.string().datetime({ offset: true, message: 'a timestamp is epoch seconds or an ISO 8601 date' }).transform((text) => new Date(text)),
]);

export const awsTags = z
  .array(z.object({ Key: z.string(), Value: z.string() }), { message: 'Tags is a list of {Key, Value}' })
  .max(50)
  .transform((tags) => Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])));

export function toAwsTags(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
