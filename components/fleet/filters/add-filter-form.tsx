'use client';

import { useState, type FormEvent } from 'react';
import { ZodError } from 'zod';
import { fleetSearchParams, parseFleetQuery, PING_STATUS_VALUES, PLATFORM_VALUES, type FleetFilters } from '@/server/fleet/filters';
import { buttonStyles } from '@/components/ui/notices';

type ListParam = 'status' | 'platform' | 'os' | 'osVersion' | 'agent' | 'region' | 'account';
type SingleParam = 'agentOlderThan' | 'group' | 'cidr' | 'seenBefore' | 'seenAfter';

interface Property {
  label: string;
  /** Operator label → where the value goes. */
  operators: { label: string; param: ListParam | SingleParam | 'tag' | 'tagExists' }[];
  options?: readonly string[];
  input?: 'text' | 'datetime-local';
  placeholder?: string;
}

// The properties an operator filters by, AWS unified-console style: pick one, an operator where
// there is a choice, then a value.
const PROPERTIES: Record<string, Property> = {
  status: { label: 'Ping status', operators: [{ label: '=', param: 'status' }], options: PING_STATUS_VALUES },
  platform: { label: 'Platform', operators: [{ label: '=', param: 'platform' }], options: PLATFORM_VALUES },
  os: { label: 'OS name', operators: [{ label: '=', param: 'os' }], placeholder: 'Ubuntu' },
  osVersion: { label: 'OS version', operators: [{ label: '=', param: 'osVersion' }], placeholder: '22.04' },
  agent: { label: 'Agent version', operators: [{ label: '=', param: 'agent' }, { label: 'older than', param: 'agentOlderThan' }], placeholder: '1.2.0' },
  region: { label: 'Region', operators: [{ label: '=', param: 'region' }], placeholder: 'eu-west-1' },
  account: { label: 'Account', operators: [{ label: '=', param: 'account' }], placeholder: '123456789012' },
  tag: { label: 'Tag', operators: [{ label: '=', param: 'tag' }, { label: 'exists', param: 'tagExists' }] },
  group: { label: 'Resource group', operators: [{ label: '=', param: 'group' }], placeholder: 'web-servers' },
  cidr: { label: 'IP address / CIDR', operators: [{ label: 'in', param: 'cidr' }], placeholder: '10.0.0.0/8' },
  seen: { label: 'Last seen', operators: [{ label: 'before', param: 'seenBefore' }, { label: 'after', param: 'seenAfter' }], input: 'datetime-local' },
};

const inputClass = 'rounded border border-slate-300 px-2 py-1.5 text-sm focus:border-sky-500 focus:outline-none';

/** The filters with one more condition; values of one property add up (they are ORed). */
function withCondition(filters: FleetFilters, param: Property['operators'][number]['param'], value: string, tagKey: string): FleetFilters {
  switch (param) {
    case 'tag':
    case 'tagExists':
      return { ...filters, tag: [...(filters.tag ?? []), { key: tagKey.trim(), values: param === 'tag' ? [value.trim()] : [] }] };
    case 'seenBefore':
    case 'seenAfter':
      return { ...filters, [param]: value ? new Date(value).toISOString() : '' };
    case 'agentOlderThan':
    case 'group':
    case 'cidr':
      return { ...filters, [param]: value.trim() };
    default: {
      const added = value.split(',').map((part) => part.trim()).filter(Boolean);
      return { ...filters, [param]: [...new Set([...(filters[param] ?? []), ...added])] };
    }
  }
}

export function AddFilterForm({ filters, onApply, onCancel }: { filters: FleetFilters; onApply: (next: FleetFilters) => void; onCancel: () => void }) {
  const [propertyId, setPropertyId] = useState('status');
  const [operatorIndex, setOperatorIndex] = useState(0);
  const [value, setValue] = useState('');
  const [tagKey, setTagKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const property = PROPERTIES[propertyId]!;
  const operator = property.operators[operatorIndex] ?? property.operators[0]!;
  const needsValue = operator.param !== 'tagExists';

  const handleProperty = (id: string) => {
    setPropertyId(id);
    setOperatorIndex(0);
    setValue(PROPERTIES[id]!.options?.[0] ?? '');
    setProblem(null);
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (operator.param.startsWith('tag') && !tagKey.trim()) return setProblem('Give a tag key.');
    if (needsValue && !(value || property.options?.[0])) return setProblem('Give a value.');
    const next = withCondition(filters, operator.param, value || property.options?.[0] || '', tagKey);
    try {
      // The same contract the server applies, so a bad value is named here, before any request.
      parseFleetQuery(fleetSearchParams(next));
    } catch (error) {
      if (error instanceof ZodError) return setProblem(error.issues.map((issue) => issue.message).join('; '));
      throw error;
    }
    onApply(next);
  };

  return (
    <form onSubmit={handleSubmit} aria-label="Add filter" className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <label className="text-xs font-medium text-slate-600">
        Property
        <select className={`mt-1 block ${inputClass}`} value={propertyId} onChange={(event) => handleProperty(event.target.value)}>
          {Object.entries(PROPERTIES).map(([id, candidate]) => <option key={id} value={id}>{candidate.label}</option>)}
        </select>
      </label>
      {property.operators.length > 1 && (
        <label className="text-xs font-medium text-slate-600">
          Operator
          <select className={`mt-1 block ${inputClass}`} value={operatorIndex} onChange={(event) => setOperatorIndex(Number(event.target.value))}>
            {property.operators.map((candidate, index) => <option key={candidate.param} value={index}>{candidate.label}</option>)}
          </select>
        </label>
      )}
      {propertyId === 'tag' && (
        <label className="text-xs font-medium text-slate-600">
          Tag key
          <input className={`mt-1 block w-40 ${inputClass}`} value={tagKey} onChange={(event) => setTagKey(event.target.value)} placeholder="Environment" />
        </label>
      )}
      {needsValue && (
        <label className="text-xs font-medium text-slate-600">
          {propertyId === 'tag' ? 'Tag value' : 'Value'}
          {property.options ? (
            <select className={`mt-1 block ${inputClass}`} value={value || property.options[0]} onChange={(event) => setValue(event.target.value)}>
              {property.options.map((option) => <option key={option}>{option}</option>)}
            </select>
          ) : (
            <input
              className={`mt-1 block w-52 ${inputClass}`}
              type={property.input ?? 'text'}
              value={value}
              onChange={(event) => setValue(event.target.value)}
              placeholder={propertyId === 'tag' ? 'prod' : property.placeholder}
            />
          )}
        </label>
      )}
      <button type="submit" className={buttonStyles.primary}>Apply filter</button>
      <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
      {problem && <p role="alert" className="w-full text-sm text-red-700">{problem}</p>}
    </form>
  );
}
