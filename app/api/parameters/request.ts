import { z } from 'zod';
import type { NextRequest } from 'next/server';
import { readJson } from '@/server/http/route';

const jsonObject = z.record(z.string(), z.unknown(), { message: 'the request body is a JSON object' });

/** The request body as an object the service's own zod schema then checks field by field. */
export async function readObject(req: NextRequest): Promise<Record<string, unknown>> {
  return jsonObject.parse(await readJson(req));
}

const nameQuery = z.object({ name: z.string({ message: 'name (the parameter name) is required' }).min(1, 'name (the parameter name) is required') });

/** `?name=/a/b`: names hold slashes, so the console's routes take them in the query, not the path. */
export function nameParam(req: NextRequest): string {
  return nameQuery.parse({ name: req.nextUrl.searchParams.get('name') ?? undefined }).name;
}

/** `?decrypt=1`: the caller asked for SecureString plaintext, which the service audits. */
export const wantsDecryption = (req: NextRequest) => req.nextUrl.searchParams.get('decrypt') === '1';
