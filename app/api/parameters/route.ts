import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { deleteParameter, describeParameters, putParameter } from '@/server/parameters/service';
import type { ParameterStringFilter, PutParameterInput } from '@/server/parameters/schemas';
import { nameParam, readObject } from './request';

const listQuery = z.object({
  path: z.string().min(1).default('/'),
  recursive: z.enum(['0', '1'], { message: 'recursive is 0 or 1' }).default('0'),
  type: z.string().optional(),
  tier: z.string().optional(),
  label: z.string().optional(),
  /** `key` (has the tag) or `key=value`. */
  tag: z.string().optional(),
  q: z.string().trim().optional(),
  nextToken: z.string().optional(),
  pageSize: z.coerce.number().int().min(1).max(50, 'pageSize is at most 50').default(25),
});
type ListQuery = z.infer<typeof listQuery>;

function tagFilter(text: string): ParameterStringFilter {
  const separator = text.indexOf('=');
  if (separator === -1) return { Key: `tag:${text.trim()}` };
  return { Key: `tag:${text.slice(0, separator).trim()}`, Values: [text.slice(separator + 1).trim()] };
}

/** The console's filters as DescribeParameters' own ParameterFilters, so the service checks them. */
function parameterFilters(query: ListQuery): ParameterStringFilter[] {
  const filters: ParameterStringFilter[] = [{ Key: 'Path', Option: query.recursive === '1' ? 'Recursive' : 'OneLevel', Values: [query.path] }];
  if (query.type) filters.push({ Key: 'Type', Values: [query.type] });
  if (query.tier) filters.push({ Key: 'Tier', Values: [query.tier] });
  if (query.label) filters.push({ Key: 'Label', Values: [query.label] });
  if (query.tag) filters.push(tagFilter(query.tag));
  if (query.q) filters.push({ Key: 'Name', Option: 'Contains', Values: [query.q] });
  return filters;
}

/** One page of the parameters at a path (?recursive=1 for everything below it), with filters. */
export const GET = withSession(async (req, caller) => {
  const query = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return describeParameters(caller, { ParameterFilters: parameterFilters(query), MaxResults: query.pageSize, NextToken: query.nextToken || undefined });
});

/** Creates a parameter; never overwrites one (that is PUT). */
export const POST = withSession(async (req, caller) => {
  const input = (await readObject(req)) as PutParameterInput;
  return putParameter(caller, { ...input, Overwrite: false });
});

/** Writes a new version of an existing parameter. */
export const PUT = withSession(async (req, caller) => {
  const input = (await readObject(req)) as PutParameterInput;
  return putParameter(caller, { ...input, Overwrite: true });
});

export const DELETE = withSession(async (req, caller) => deleteParameter(caller, { Name: nameParam(req) }));
