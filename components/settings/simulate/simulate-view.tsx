'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSimulation, type SimulationResult } from './queries';
import { userListQuery } from '../users/queries';
import { Field } from '../field';
import { segment } from '../keys';
import { Section, inputClass, linkClass } from '../ui';
import { parseTagText } from '@/components/activations/create-activation-form';
import { usePermissions } from '@/components/shell/queries';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

const COMMON_ACTIONS = [
  'ssm:StartSession',
  'ssm:TerminateSession',
  'ssm:DescribeInstanceInformation',
  'ssm:DeregisterManagedInstance',
  'ssm:AddTagsToResource',
  'ssm:DescribeActivations',
  'ssm:CreateActivation',
  'ssm:DeleteActivation',
  'ssm:GetParameter',
  'ssm:PutParameter',
  'iam:ListUsers',
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:ListPolicies',
  'cloudtrail:LookupEvents',
];

function Verdict({ result }: { result: SimulationResult }) {
  const isAllowed = result.decision === 'Allow';
  const statement = result.matchedStatement;
  const tags = Object.entries(result.resourceTags).map(([key, value]) => `${key}=${value}`).join(', ');
  return (
    <div role="status" aria-label="Simulation result"
      className={`rounded-lg border p-5 ${isAllowed ? 'border-emerald-300 bg-emerald-50 text-emerald-950' : 'border-red-300 bg-red-50 text-red-950'}`}>
      <p className="text-lg font-semibold">{isAllowed ? 'Allowed' : result.decision === 'ExplicitDeny' ? 'Denied (explicit deny)' : 'Denied (implicit deny)'}</p>
      <p className="mt-1 text-sm">
        {result.username} → <code className="font-mono">{result.action}</code> on <code className="break-all font-mono">{result.resource}</code>
        {tags && <> with tags <code className="font-mono">{tags}</code></>}
      </p>
      {statement ? (
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-1 text-sm" aria-label="Deciding statement">
          <dt className="opacity-75">Policy</dt>
          <dd><Link href={`/settings/policies/${segment(statement.policyName)}`} className="font-medium underline">{statement.policyName}</Link></dd>
          <dt className="opacity-75">Statement</dt>
          <dd>{statement.sid ? <code className="font-mono">{statement.sid}</code> : <span>no Sid</span>} (Statement[{statement.index}])</dd>
          <dt className="opacity-75">Effect</dt>
          <dd className="font-medium">{statement.effect}</dd>
        </dl>
      ) : (
        <p className="mt-3 text-sm">No statement in the user&apos;s policies allows it (implicit deny). Attach a policy that allows the action to change that.</p>
      )}
    </div>
  );
}

export function SimulateView() {
  const { can } = usePermissions();
  const { data: users } = useQuery({ ...userListQuery(), enabled: can('manageUsers') });
  const simulation = useSimulation();
  const [tagError, setTagError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let resourceTags: Record<string, string>;
    try {
      resourceTags = parseTagText(String(form.get('tags') ?? ''));
      setTagError(null);
    } catch (error) {
      setTagError((error as Error).message);
      return;
    }
    simulation.mutate({
      username: String(form.get('username') ?? '').trim(),
      action: String(form.get('action') ?? '').trim(),
      resource: String(form.get('resource') ?? '').trim() || '*',
      resourceTags,
    });
  };

  return (
    <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Section title="Policy simulator" description="Ask whether a user may do an action on a resource, and which statement decides it. Nothing is performed.">
        <form onSubmit={handleSubmit} aria-label="Simulate" className="grid grid-cols-2 gap-4 px-5 py-4">
          <label className="text-sm">
            <span className="mb-1 block font-medium">User</span>
            <input name="username" required list="simulate-users" autoComplete="off" className={inputClass} placeholder="operator1" />
            <datalist id="simulate-users">{users?.map((user) => <option key={user.userId} value={user.username} />)}</datalist>
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium">Action</span>
            <input name="action" required list="simulate-actions" autoComplete="off" className={inputClass} placeholder="ssm:StartSession" />
            <datalist id="simulate-actions">{COMMON_ACTIONS.map((action) => <option key={action} value={action} />)}</datalist>
          </label>
          <Field label="Resource" className="col-span-2"
            hint="An Opsdeck ARN, e.g. arn:opsdeck:ssm:us-east-1:123456789012:managed-instance/mi-0123456789abcdef0, or * (the default).">
            <input name="resource" autoComplete="off" className={`${inputClass} font-mono`} placeholder="*" />
          </Field>
          <Field label="Resource tags (optional)" className="col-span-2" hint="For conditions on ssm:resourceTag/<key>, as a node's tags would be.">
            <input name="tags" autoComplete="off" className={inputClass} placeholder="Environment=dev, Team=web" />
          </Field>
          {(tagError || simulation.error) && <div className="col-span-2"><ErrorNotice error={tagError ? new Error(tagError) : simulation.error} /></div>}
          <div className="col-span-2 flex justify-end">
            <button type="submit" className={buttonStyles.primary} disabled={simulation.isPending}>{simulation.isPending ? 'Evaluating…' : 'Simulate'}</button>
          </div>
        </form>
      </Section>
      <div>
        {simulation.data ? (
          <Verdict result={simulation.data} />
        ) : (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-sm text-slate-600">
            The decision follows IAM: an explicit Deny in any attached policy wins; otherwise any matching Allow grants; otherwise the request is
            implicitly denied. Policies of the user&apos;s <Link href="/settings/groups" className={linkClass}>groups</Link> count too.
          </div>
        )}
      </div>
    </div>
  );
}
