import { readJson, withSession } from '@/server/http/route';
import { createAlias, listAliases, type AliasInput } from '@/server/keys';

/** GET ?keyId=… lists one key's aliases; without it, all of them. */
export const GET = withSession(async (req, caller) => listAliases(caller, req.nextUrl.searchParams.get('keyId') ?? undefined));
export const POST = withSession(async (req, caller) => createAlias(caller, (await readJson(req)) as AliasInput));
