'use client';

import type { FormEvent } from 'react';
import type { AuditFilters } from './queries';
import { inputClass } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';

// Operations the trail records today; the filter matches the name exactly.
const KNOWN_ACTIONS = [
  'ConsoleLogin', 'CreateUser', 'DeleteUser', 'UpdateLoginProfile', 'RevokeSessions', 'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey',
  'CreateGroup', 'DeleteGroup', 'AddUserToGroup', 'RemoveUserFromGroup', 'CreatePolicy', 'CreatePolicyVersion', 'DeletePolicy',
  'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy', 'CreateActivation', 'DeleteActivation',
  'DescribeActivations', 'DeregisterManagedInstance', 'DescribeInstanceInformation', 'AddTagsToResource', 'RemoveTagsFromResource',
  'ListTagsForResource', 'ExportEvents',
];

const RANGES = [
  { label: 'Past hour', ms: 3600_000 },
  { label: 'Past day', ms: 86_400_000 },
  { label: 'Past week', ms: 7 * 86_400_000 },
];

/** ISO → the value a datetime-local input shows (local time, minutes). */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function AuditFiltersForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    onApply({
      username: text('username'),
      action: text('action'),
      resource: text('resource'),
      result: (text('result') as AuditFilters['result']) || undefined,
      from: toIso(String(form.get('from') ?? '')),
      to: toIso(String(form.get('to') ?? '')),
    });
  };

  return (
    // Keyed by the caller on the applied filters, so Clear and the back button reset the fields.
    <form onSubmit={handleSubmit} aria-label="Filter events" className="grid grid-cols-12 gap-3 border-b border-slate-200 bg-slate-50 px-5 py-4">
      <label className="col-span-2 text-sm">
        <span className="mb-1 block font-medium">User</span>
        <input name="username" defaultValue={filters.username} className={inputClass} placeholder="any" autoComplete="off" />
      </label>
      <label className="col-span-3 text-sm">
        <span className="mb-1 block font-medium">Action</span>
        <input name="action" list="audit-actions" defaultValue={filters.action} className={inputClass} placeholder="any" autoComplete="off" />
        <datalist id="audit-actions">{KNOWN_ACTIONS.map((action) => <option key={action} value={action} />)}</datalist>
      </label>
      <label className="col-span-5 text-sm">
        <span className="mb-1 block font-medium">Resource ARN</span>
        <input name="resource" defaultValue={filters.resource} className={`${inputClass} font-mono`} placeholder="any" autoComplete="off" />
      </label>
      <label className="col-span-2 text-sm">
        <span className="mb-1 block font-medium">Result</span>
        <select name="result" defaultValue={filters.result ?? ''} className={inputClass}>
          <option value="">Any</option>
          <option value="Success">Success</option>
          <option value="Failure">Failure</option>
        </select>
      </label>
      <label className="col-span-3 text-sm">
        <span className="mb-1 block font-medium">From</span>
        <input name="from" type="datetime-local" defaultValue={toLocalInput(filters.from)} className={inputClass} />
      </label>
      <label className="col-span-3 text-sm">
        <span className="mb-1 block font-medium">To</span>
        <input name="to" type="datetime-local" defaultValue={toLocalInput(filters.to)} className={inputClass} />
      </label>
      <div className="col-span-3 flex items-end text-sm" role="group" aria-label="Quick time ranges">
        {RANGES.map((range) => (
          <button key={range.label} type="button" className="whitespace-nowrap rounded px-2 py-1.5 text-sky-700 hover:bg-sky-100"
            onClick={() => onApply({ ...filters, from: new Date(Date.now() - range.ms).toISOString(), to: undefined })}>
            {range.label}
          </button>
        ))}
      </div>
      <div className="col-span-3 flex items-end justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={() => onApply({})}>Clear</button>
        <button type="submit" className={`${buttonStyles.primary} whitespace-nowrap`}>Apply filters</button>
      </div>
    </form>
  );
}
