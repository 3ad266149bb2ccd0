import { z } from 'zod';
import { FILTER_OPERATORS, type InventoryFilter } from '@/server/inventory/filters';

const filterSchema = z.object({
  typeName: z.string().regex(/^(AWS|Custom):[a-zA-Z0-9_\-:./]{1,90}$/, 'the type is AWS:Name or Custom:Name'),
  attribute: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'the attribute is letters, digits, _ and -'),
  operator: z.enum(FILTER_OPERATORS, { message: `the operator is one of ${FILTER_OPERATORS.join(', ')}` }),
  values: z.array(z.string().max(256)).max(40),
});

/** `?filters=[{typeName, attribute, operator, values}]`: the query builder's conditions, JSON in the URL so a query can be linked. */
export function filtersFrom(params: URLSearchParams): InventoryFilter[] {
  const text = params.get('filters');
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new z.ZodError([{ code: 'custom', path: ['filters'], message: 'filters is not JSON', input: text }]);
  }
  return z.array(filterSchema).max(5, 'a query has at most 5 conditions').parse(parsed);
}

export const pageSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const pageOf = (query: z.output<typeof pageSchema>) => ({ limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
