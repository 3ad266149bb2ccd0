import { filterEntries, type FilterParam, type FleetFilters } from '@/server/fleet/filters';
import { dateTime } from '@/components/lib/format';

const PROPERTY: Record<FilterParam, string> = {
  q: 'Text',
  status: 'Ping status',
  platform: 'Platform',
  os: 'OS name',
  osVersion: 'OS version',
  agent: 'Agent version',
  agentOlderThan: 'Agent version',
  region: 'Region',
  account: 'Account',
  tag: 'Tag',
  group: 'Resource group',
  cidr: 'IP address',
  seenBefore: 'Last seen',
  seenAfter: 'Last seen',
};

/** A filter as words, from its URL parameter and value: "Ping status = Online or Inactive". */
export function describeFilter(param: string, value: string): string {
  const property = PROPERTY[param as FilterParam] ?? param;
  switch (param) {
    case 'q':
      return `Text contains "${value}"`;
    case 'agentOlderThan':
      return `${property} older than ${value}`;
    case 'tag': {
      const separator = value.indexOf('=');
      const key = value.slice(0, separator);
      const tagValue = value.slice(separator + 1);
      return tagValue === '' ? `Tag ${key} exists` : `Tag ${key} = ${tagValue.split(',').join(' or ')}`;
    }
    case 'cidr':
      return `${property} in ${value}`;
    case 'seenBefore':
      return `${property} before ${dateTime(value)}`;
    case 'seenAfter':
      return `${property} after ${dateTime(value)}`;
    default:
      return `${property} = ${value.split(',').join(' or ')}`;
  }
}

export interface FilterChip {
  id: string;
  text: string;
  /** The filters without this chip. */
  without: FleetFilters;
}

const LIST_PARAMS = ['status', 'platform', 'os', 'osVersion', 'agent', 'region', 'account'] as const;

/** One chip per value (several values of one property are ORed, each removable on its own). */
export function filterChips(filters: FleetFilters): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const [param, value] of filterEntries(filters)) {
    if ((LIST_PARAMS as readonly string[]).includes(param)) {
      const values = filters[param as (typeof LIST_PARAMS)[number]] as string[];
      for (const item of values) {
        const rest = values.filter((other) => other !== item);
        chips.push({ id: `${param}=${item}`, text: describeFilter(param, item), without: { ...filters, [param]: rest.length > 0 ? rest : undefined } });
      }
    } else if (param === 'tag') {
      chips.push({ id: `tag=${value}`, text: describeFilter(param, value), without: { ...filters, tag: filters.tag?.filter((tag) => `${tag.key}=${tag.values[0] ?? ''}` !== value) } });
    } else {
      chips.push({ id: `${param}=${value}`, text: describeFilter(param, value), without: { ...filters, [param]: undefined } });
    }
  }
  return chips;
}
