import { withSession } from '@/server/http/route';
import { getParameterHistory } from '@/server/parameters/service';
import { nameParam, wantsDecryption } from '../request';

/**
 * ?name=&nextToken=: 50 versions at a time, oldest first, as GetParameterHistory pages. Without
 * ?decrypt=1 a SecureString's values are left out: ciphertext means nothing to a reader.
 */
export const GET = withSession(async (req, caller) => {
  const withDecryption = wantsDecryption(req);
  const history = await getParameterHistory(caller, {
    Name: nameParam(req),
    WithDecryption: withDecryption,
    MaxResults: 50,
    NextToken: req.nextUrl.searchParams.get('nextToken') || undefined,
  });
  const parameters = history.Parameters.map((version) => (version.Type === 'SecureString' && !withDecryption ? { ...version, Value: null } : version));
  return { ...history, Parameters: parameters };
});
