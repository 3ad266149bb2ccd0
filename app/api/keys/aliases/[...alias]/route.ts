import { readJson, withSession } from '@/server/http/route';
import { deleteAlias, updateAlias, type AliasInput } from '@/server/keys';

// Alias names contain slashes (alias/prod/db), so the whole path after /aliases/ is the name.
type Params = { alias: string[] };
const aliasName = ({ alias }: Params) => alias.join('/');

/** PUT {targetKeyId} points the alias at another key. */
export const PUT = withSession<Params>(async (req, caller, params) => updateAlias(caller, { ...((await readJson(req)) as Omit<AliasInput, 'aliasName'>), aliasName: aliasName(params) }));
export const DELETE = withSession<Params>(async (_req, caller, params) => deleteAlias(caller, aliasName(params)));
