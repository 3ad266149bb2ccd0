/**
 * The Fleet Manager filter contract: the URL query parameters of `/fleet` and `GET /api/nodes`
 * (the dashboard's drill-down links produce them), parsed and checked with zod, and written back
 * in one canonical form. Pure: the browser imports it too, so it must not import the database.
 *
 *   /fleet?status=ConnectionLost&os=Ubuntu&tag=Environment%3Dprod&sort=lastPingDateTime&order=desc
 */
import { z, ZodError } from 'zod';

export const PING_STATUS_VALUES = ['Online', 'ConnectionLost', 'Inactive'] as const;
export const PLATFORM_VALUES = ['Linux', 'MacOS', 'Windows'] as const;
export const SORT_KEYS = ['nodeId', 'name', 'pingStatus', 'platformName', 'agentVersion', 'lastPingDateTime', 'region', 'account'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export const DEFAULT_SORT: SortKey = 'name';
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000] as const;
const MAX_VALUES = 50;
const MAX_TAG_FILTERS = 20;

/** A tag filter: `key=value`, or `key=` for "has the key, any value". */
export interface TagFilter {
  key: string;
  /** Any of these values; empty means any value at all. */
  values: string[];
}

// ---------------------------------------------------------------------------------------------
// Addresses, checked here so the browser can say "not a CIDR block" before asking the server.

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets = parts.map((part) => (/^(0|[1-9]\d{0,2})$/.test(part) ? Number(part) : NaN));
  return octets.every((octet) => octet <= 255) ? octets : null;
}

function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return false;
  let groups = text.split(':');
  // An embedded IPv4 tail (::ffff:10.0.0.1) counts as two groups.
  const last = groups.at(-1) ?? '';
  if (last.includes('.')) {
    if (!parseIpv4(last)) return false;
    groups = [...groups.slice(0, -1), '0', '0'];
  }
  const hasGap = text.includes('::');
  const filled = groups.filter((group) => group !== '');
  if (!filled.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  // Stray single colons at either end (":1::") are not addresses.
  if (!hasGap && groups.some((group) => group === '')) return false;
  if (hasGap && (/^:[^:]/.test(text) || /[^:]:$/.test(text))) return false;
  return hasGap ? filled.length <= 7 : filled.length === 8;
}

export interface ParsedCidr {
  family: 4 | 6;
  /** The address part as given. */
  address: string;
  prefix: number;
  /** IPv4 only: the four octets of the address. */
  octets?: number[];
}

/** `10.0.0.0/8`, `fd00::/16`, or a bare address (a /32 or /128). */
export function parseCidr(text: string): ParsedCidr | null {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0 || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) return null;
  const octets = parseIpv4(address);
  if (octets) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    return prefix <= 32 ? { family: 4, address, prefix, octets } : null;
  }
  if (isIpv6(address)) {
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    return prefix <= 128 ? { family: 6, address: address.toLowerCase(), prefix } : null;
  }
  return null;
}

/** `3.2.1` → [3, 2, 1, 0]: agentOlderThan compares the first four numeric parts. */
export function versionKey(version: string): number[] | null {
  if (!/^\d{1,9}(\.\d{1,9}){0,3}$/.test(version)) return null;
  return [...version.split('.').map(Number), 0, 0, 0].slice(0, 4);
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

// ---------------------------------------------------------------------------------------------
// The schema: one entry per URL parameter.

const quoted = (value: string) => `'${value.length > 80 ? `${value.slice(0, 80)}…` : value}'`;

/** A comma list, each value checked (and maybe normalised) by `check`, which returns an error text or the value. */
function commaList<T extends string>(check: (value: string) => { value: T } | { error: string }) {
  return z.string().transform((text, ctx) => {
    const values = [...new Set(text.split(',').map((part) => part.trim()).filter(Boolean))];
    if (values.length > MAX_VALUES) {
      ctx.addIssue({ code: 'custom', message: `give at most ${MAX_VALUES} values, not ${values.length}` });
      return z.NEVER;
    }
    const accepted: T[] = [];
    for (const value of values) {
      const result = check(value);
      if ('error' in result) ctx.addIssue({ code: 'custom', message: result.error });
      else accepted.push(result.value);
    }
    return [...new Set(accepted)];
  });
}

function oneOf<T extends string>(allowed: readonly T[], what: string) {
  return commaList<T>((value) => {
    // Case-insensitive, so a hand-typed `status=online` works; the canonical spelling goes back out.
    const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    return match ? { value: match } : { error: `${quoted(value)} is not ${what}; use ${allowed.join(', ')}` };
  });
}

const label = (what: string, maxLength = 256) =>
  commaList<string>((value) =>
    value.length > maxLength
      ? { error: `${what} ${quoted(value)} is longer than ${maxLength} characters` }
      : [...value].some((char) => char < ' ')
        ? { error: `${what} ${quoted(value)} contains control characters` }
        : { value },
  );

const timestamp = z.string().trim().transform((text, ctx) => {
  if (!ISO_TIMESTAMP.test(text) || Number.isNaN(Date.parse(text))) {
    ctx.addIssue({
      code: 'custom',
      message: /T\d{2}:\d{2}/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(`${text}Z`))
        ? `${quoted(text)} has no time zone; add Z or an offset, e.g. ${text}Z`
        : `${quoted(text)} is not an ISO timestamp like 2025-01-31T12:00:00Z`,
    });
    return z.NEVER;
  }
  return text;
});

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

const tagList = z.array(z.string()).transform((texts, ctx) => {
  if (texts.length > MAX_TAG_FILTERS) {
    ctx.addIssue({ code: 'custom', message: `give at most ${MAX_TAG_FILTERS} tag filters` });
    return z.NEVER;
  }
  const tags: TagFilter[] = [];
  for (const text of texts) {
    const separator = text.indexOf('=');
    const key = separator < 0 ? text : text.slice(0, separator);
    const value = separator < 0 ? '' : text.slice(separator + 1);
    if (separator <= 0) {
      ctx.addIssue({ code: 'custom', message: `${quoted(text)} is not key=value (write ${quoted(`${text || 'key'}=`)} for "has the key")` });
    } else if (!TAG_KEY.test(key)) {
      ctx.addIssue({ code: 'custom', message: `the tag key ${quoted(key)} may contain letters, digits, spaces and _.:/=+-@ only (at most 128)` });
    } else if (!TAG_VALUE.test(value)) {
      ctx.addIssue({ code: 'custom', message: `the tag value ${quoted(value)} may contain letters, digits, spaces and _.:/=+-@ only (at most 256)` });
    } else if (!tags.some((tag) => tag.key === key && tag.values.join() === value)) {
      tags.push({ key, values: value === '' ? [] : [value] });
    }
  }
  return tags;
});

export const fleetQuerySchema = z.object({
  q: z.string().trim().max(200, 'the search text may have at most 200 characters').optional(),
  status: oneOf(PING_STATUS_VALUES, 'a ping status').optional(),
  platform: oneOf(PLATFORM_VALUES, 'a platform').optional(),
  os: label('the OS name').optional(),
  osVersion: label('the OS version', 64).optional(),
  agent: label('the agent version', 32).optional(),
  agentOlderThan: z
    .string()
    .trim()
    .refine((text) => versionKey(text) !== null, { error: (issue) => `${quoted(String(issue.input))} is not a version like 3.2.1` })
    .optional(),
  region: label('the region', 64).optional(),
  account: label('the account', 64).optional(),
  tag: tagList.optional(),
  group: z.string().trim().min(1).max(128, 'a resource group name has at most 128 characters').optional(),
  cidr: z
    .string()
    .trim()
    .refine((text) => parseCidr(text) !== null, { error: (issue) => `${quoted(String(issue.input))} is not a CIDR block (like 10.0.0.0/8 or fd00::/16)` })
    .optional(),
  seenBefore: timestamp.optional(),
  seenAfter: timestamp.optional(),
  sort: z.enum(SORT_KEYS, { error: (issue) => `${quoted(String(issue.input))} is not a sort column; use ${SORT_KEYS.join(', ')}` }).default(DEFAULT_SORT),
  order: z.enum(['asc', 'desc'], { error: (issue) => `${quoted(String(issue.input))} is not an order; use asc or desc` }).default('asc'),
  page: z.coerce.number({ error: 'the page is a whole number from 1' }).int('the page is a whole number from 1').min(1, 'the page is a whole number from 1').max(1_000_000).default(1),
  pageSize: z.coerce
    .number({ error: `the page size is a whole number from 1 to ${MAX_PAGE_SIZE}` })
    .int(`the page size is a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .min(1, `the page size is a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `the page size is at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
});

export type FleetQuery = z.output<typeof fleetQuerySchema>;
/** The filter part of a query: what selects nodes, without sort and paging. */
export type FleetFilters = Omit<FleetQuery, 'sort' | 'order' | 'page' | 'pageSize'>;

/** The URL parameters, in the order the canonical form writes them. */
export const FILTER_PARAMS = ['q', 'status', 'platform', 'os', 'osVersion', 'agent', 'agentOlderThan', 'region', 'account', 'tag', 'group', 'cidr', 'seenBefore', 'seenAfter'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
const VIEW_PARAMS = ['sort', 'order', 'page', 'pageSize'] as const;
const LIST_PARAMS = new Set<string>(['status', 'platform', 'os', 'osVersion', 'agent', 'region', 'account']);
const KNOWN_PARAMS = new Set<string>([...FILTER_PARAMS, ...VIEW_PARAMS]);

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

function entriesOf(input: SearchParamsInput): [string, string][] {
  if (input instanceof URLSearchParams) return [...input.entries()];
  return Object.entries(input).flatMap(([key, value]) => (value === undefined ? [] : Array.isArray(value) ? value.map((item) => [key, item] as [string, string]) : [[key, value] as [string, string]]));
}

/**
 * Reads the URL parameters into a FleetQuery; throws a ZodError naming each bad parameter, e.g.
 * "cidr: '10.0.0/8' is not a CIDR block". Empty values count as absent (a cleared input);
 * `ignore` lists extra parameters a caller handles itself (the export's `columns`).
 */
export function parseFleetQuery(input: SearchParamsInput, ignore: string[] = []): FleetQuery {
  const raw: Record<string, string | string[]> = {};
  const issues: ZodError['issues'] = [];
  for (const [key, value] of entriesOf(input)) {
    if (ignore.includes(key)) continue;
    if (!KNOWN_PARAMS.has(key)) {
      issues.push({ code: 'custom', path: [key], message: `not a Fleet Manager filter; use ${[...FILTER_PARAMS, ...VIEW_PARAMS].join(', ')}`, input: value });
      continue;
    }
    if (value.trim() === '') continue;
    if (key === 'tag') raw.tag = [...((raw.tag as string[] | undefined) ?? []), value];
    else if (LIST_PARAMS.has(key) && typeof raw[key] === 'string') raw[key] = `${raw[key]},${value}`;
    else if (raw[key] !== undefined) issues.push({ code: 'custom', path: [key], message: 'give this parameter once', input: value });
    else raw[key] = value;
  }
  if (issues.length > 0) throw new ZodError(issues);
  return fleetQuerySchema.parse(raw);
}

/** Like parseFleetQuery, but answers the error instead of throwing (for the browser). */
export function safeParseFleetQuery(input: SearchParamsInput): { query: FleetQuery; error?: undefined } | { query?: undefined; error: ZodError } {
  try {
    return { query: parseFleetQuery(input) };
  } catch (error) {
    if (error instanceof ZodError) return { error };
    throw error;
  }
}

export const emptyFleetQuery = (): FleetQuery => fleetQuerySchema.parse({});

/** Each active filter as the URL parameter that holds it: one pair per tag, one per other filter. */
export function filterEntries(filters: Partial<FleetFilters>): [FilterParam, string][] {
  const entries: [FilterParam, string][] = [];
  for (const param of FILTER_PARAMS) {
    const value = filters[param];
    if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') continue;
    if (param === 'tag') {
      for (const tag of value as TagFilter[]) entries.push(['tag', `${tag.key}=${tag.values[0] ?? ''}`]);
    } else {
      entries.push([param, Array.isArray(value) ? value.join(',') : String(value)]);
    }
  }
  return entries;
}

/**
 * The canonical query string: filters in contract order, then sort/order/page/pageSize unless
 * they are the defaults. Equal queries give equal strings (React Query keys, saved filters).
 */
export function fleetSearchParams(query: Partial<FleetQuery>): URLSearchParams {
  const params = new URLSearchParams(filterEntries(query));
  if (query.sort && query.sort !== DEFAULT_SORT) params.set('sort', query.sort);
  if (query.order === 'desc') params.set('order', 'desc');
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(query.pageSize));
  return params;
}

/** A Fleet Manager link with these filters, e.g. for a dashboard tile: fleetHref({ status: ['ConnectionLost'] }). */
export function fleetHref(query: Partial<FleetQuery>): string {
  const search = fleetSearchParams(query).toString();
  return search ? `/fleet?${search}` : '/fleet';
}

export const hasFilters = (query: Partial<FleetFilters>) => filterEntries(query).length > 0;

// ---------------------------------------------------------------------------------------------
// Columns of the table and of the CSV export, in their default order.

export const NODE_COLUMNS = [
  { id: 'nodeId', label: 'Node ID', sort: 'nodeId', isDefault: true },
  { id: 'name', label: 'Name', sort: 'name', isDefault: true },
  { id: 'pingStatus', label: 'Ping status', sort: 'pingStatus', isDefault: true },
  { id: 'os', label: 'Operating system', sort: 'platformName', isDefault: true },
  { id: 'platformType', label: 'Platform', isDefault: false },
  { id: 'ipAddress', label: 'IP address', isDefault: true },
  { id: 'agentVersion', label: 'Agent version', sort: 'agentVersion', isDefault: true },
  { id: 'lastPingDateTime', label: 'Last seen', sort: 'lastPingDateTime', isDefault: true },
  { id: 'region', label: 'Region', sort: 'region', isDefault: true },
  { id: 'account', label: 'Account', sort: 'account', isDefault: false },
  { id: 'computerName', label: 'Computer name', isDefault: false },
  { id: 'architecture', label: 'Architecture', isDefault: false },
  { id: 'kernelVersion', label: 'Kernel', isDefault: false },
  { id: 'tags', label: 'Tags', isDefault: false },
  { id: 'registrationDate', label: 'Registered', isDefault: false },
] as const satisfies readonly { id: string; label: string; sort?: SortKey; isDefault: boolean }[];

export type NodeColumnId = (typeof NODE_COLUMNS)[number]['id'];
export const NODE_COLUMN_IDS = NODE_COLUMNS.map((column) => column.id) as NodeColumnId[];
export const DEFAULT_COLUMN_IDS = NODE_COLUMNS.filter((column) => column.isDefault).map((column) => column.id) as NodeColumnId[];

export const columnsSchema = z
  .string()
  .optional()
  .transform((text, ctx): NodeColumnId[] => {
    const ids = (text ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    if (ids.length === 0) return DEFAULT_COLUMN_IDS;
    const unknown = ids.filter((id) => !(NODE_COLUMN_IDS as string[]).includes(id));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `${unknown.map(quoted).join(', ')} ${unknown.length === 1 ? 'is not a column' : 'are not columns'}; use ${NODE_COLUMN_IDS.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(ids)] as NodeColumnId[];
  });
