import { z } from 'zod';
import { OpsdeckError } from '@/server/errors';

const tokenSchema = z.object({ operation: z.string(), offset: z.number().int().min(0) });

/** NextToken: opaque to clients, bound to the operation that issued it. */
export function encodeNextToken(operation: string, offset: number): string {
  return Buffer.from(JSON.stringify({ operation, offset })).toString('base64url');
}

export function decodeNextToken(operation: string, token: string | undefined): number {
  if (!token) return 0;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = tokenSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.operation !== operation) {
    throw new OpsdeckError('InvalidNextToken', 'The specified token is not valid.');
  }
  return parsed.data.offset;
}

/** AWS omits NextToken on the last page; clients loop until it is absent. */
export function nextTokenAfter(operation: string, offset: number, pageLength: number, hasMore: boolean): string | undefined {
  return hasMore ? encodeNextToken(operation, offset + pageLength) : undefined;
}
