'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '@/components/ui/page-header';
import { Badge, NameList, Section } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';
import { BaselineForm } from './baseline-form';
import { draftOf, settingsOf } from './baseline-form-state';
import { EffectivePatches } from './effective-patches';
import { baselineQuery, useSetDefaultBaseline, useUpdateBaseline, type Baseline } from './queries';

const filtersInWords = (filters: { Key: string; Values: string[] }[]) => (filters.length ? filters.map((filter) => `${filter.Key} = ${filter.Values.join(' | ')}`).join(' and ') : 'every patch');

function Rules({ baseline }: { baseline: Baseline }) {
  return (
    <dl className="grid gap-x-8 gap-y-4 px-5 py-4 text-sm sm:grid-cols-2">
      <div><dt className="text-xs text-slate-500">Global filters</dt><dd>{filtersInWords(baseline.GlobalFilters.PatchFilters)}</dd></div>
      <div><dt className="text-xs text-slate-500">Patch groups</dt><dd><NameList names={baseline.PatchGroups} /></dd></div>
      <div className="sm:col-span-2">
        <dt className="text-xs text-slate-500">Approval rules</dt>
        <dd>
          {baseline.ApprovalRules.PatchRules.length === 0 ? 'none' : (
            <ol className="list-decimal space-y-1 pl-5">
              {baseline.ApprovalRules.PatchRules.map((rule, index) => (
                <li key={index}>
                  {`${filtersInWords(rule.PatchFilterGroup.PatchFilters)}: ${rule.ApproveUntilDate ? `approved if released by ${rule.ApproveUntilDate}` : `approved ${rule.ApproveAfterDays ?? 0} days after release`}, compliance ${rule.ComplianceLevel ?? 'UNSPECIFIED'}${rule.EnableNonSecurity ? ', non-security included' : ''}`}
                </li>
              ))}
            </ol>
          )}
        </dd>
      </div>
      <div><dt className="text-xs text-slate-500">{`Approved patches (${baseline.ApprovedPatchesComplianceLevel})`}</dt><dd><NameList names={baseline.ApprovedPatches} /></dd></div>
      <div><dt className="text-xs text-slate-500">{`Rejected patches (${baseline.RejectedPatchesAction})`}</dt><dd><NameList names={baseline.RejectedPatches} /></dd></div>
      <div className="sm:col-span-2"><dt className="text-xs text-slate-500">Sources</dt><dd><NameList names={baseline.Sources.map((source) => `${source.Name} (${source.Products.join(', ')})`)} /></dd></div>
    </dl>
  );
}

/** A baseline: its rules, what they select today, and (for the operator's own) an edit form. */
export function BaselineDetail({ baselineId }: { baselineId: string }) {
  const router = useRouter();
  const [isEditing, setIsEditing] = useState(false);
  const { data: baseline, error } = useQuery(baselineQuery(baselineId));
  const update = useUpdateBaseline(baselineId);
  const setDefault = useSetDefaultBaseline();
  if (error) return <ErrorNotice error={error} />;
  if (!baseline) return <p className="text-sm text-slate-500">Loading baseline…</p>;

  const actions = (
    <>
      {!baseline.DefaultBaseline && <button type="button" className={buttonStyles.secondary} disabled={setDefault.isPending} onClick={() => setDefault.mutate(baseline.BaselineId)}>{`Set as ${baseline.OperatingSystem} default`}</button>}
      <Link href={`/patch-manager/baselines/new?${new URLSearchParams({ from: baseline.BaselineId })}`} className={buttonStyles.secondary}>Copy to new baseline</Link>
      {!baseline.IsPredefined && !isEditing && <button type="button" className={buttonStyles.primary} onClick={() => setIsEditing(true)}>Edit</button>}
    </>
  );
  return (
    <>
      <PageHeader title={baseline.Name} description={baseline.Description} actions={actions} />
      <div className="space-y-6">
        <div className="flex flex-wrap gap-2 text-sm">
          <Badge>{baseline.OperatingSystem}</Badge>
          {baseline.DefaultBaseline && <Badge tone="sky">Default for {baseline.OperatingSystem}</Badge>}
          {baseline.IsPredefined && <Badge tone="amber">Predefined, read-only</Badge>}
          <span className="font-mono text-xs text-slate-500">{baseline.BaselineId}</span>
        </div>
        {setDefault.error && <ErrorNotice error={setDefault.error} />}
        {isEditing ? (
          <BaselineForm
            initial={draftOf(baseline)}
            isNew={false}
            submitLabel="Save baseline"
            isPending={update.isPending}
            error={update.error}
            onCancel={() => { update.reset(); setIsEditing(false); }}
            onSubmit={(draft) => update.mutate(settingsOf(draft), { onSuccess: () => { setIsEditing(false); router.refresh(); } })}
          />
        ) : (
          <Section title="Rules"><Rules baseline={baseline} /></Section>
        )}
        <EffectivePatches baselineId={baseline.BaselineId} />
      </div>
    </>
  );
}
