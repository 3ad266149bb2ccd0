'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { DocumentForm } from './document-form';
import type { EditableFormat } from './document-format';
import { documentContentQuery, documentHref, documentQuery } from './queries';
import { DetailFallback } from '@/components/settings/detail-page';
import { EmptyState, ErrorNotice } from '@/components/ui/notices';
import { ApiError } from '@/components/lib/api-client';

/** A new version of a document, starting from its latest version (AWS edits only the latest). */
export function EditDocumentView({ name }: { name: string }) {
  const router = useRouter();
  const detail = useQuery(documentQuery(name));
  const latest = useQuery({ ...documentContentQuery(name, '$LATEST'), enabled: Boolean(detail.data && !detail.data.isBuiltin) });

  if (!detail.data) {
    const isMissing = detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.code === 'InvalidDocument');
    return <DetailFallback error={isMissing ? null : detail.error} isPending={detail.isPending} noun="document" name={name} listHref="/documents" listName="documents" />;
  }
  const { document, isBuiltin, permissions } = detail.data;
  const back = <Link href={documentHref(name)} className="text-sm text-sky-700 hover:underline">{`← ${name}`}</Link>;
  if (isBuiltin || !permissions.canUpdate) {
    return (
      <div className="space-y-4">
        {back}
        <EmptyState title={isBuiltin ? `${name} is a built-in document and cannot be edited` : `You may not edit ${name}`}>
          {isBuiltin
            ? 'Opsdeck ships and updates its built-in documents. Create your own document from its content instead.'
            : 'Your policies do not allow ssm:UpdateDocument on this document.'}
          {isBuiltin && <> <Link href={`/documents/new?${new URLSearchParams({ from: name })}`} className="text-sky-700 underline">Create a copy</Link></>}
        </EmptyState>
      </div>
    );
  }
  if (latest.error) return <ErrorNotice error={latest.error} />;
  if (!latest.data) return <p className="text-sm text-slate-500">Loading the latest version…</p>;
  const format: EditableFormat = latest.data.DocumentFormat === 'JSON' ? 'JSON' : 'YAML';

  return (
    <div className="space-y-4">
      {back}
      <h1 className="text-2xl font-semibold tracking-tight">{`Edit ${name}`}</h1>
      <p className="text-sm text-slate-600">{`Starting from the latest version, ${latest.data.DocumentVersion}.`}</p>
      <DocumentForm
        existing={{ name, documentType: document.DocumentType, latestVersion: document.LatestVersion }}
        initial={{ content: latest.data.Content, format }}
        onSaved={() => router.push(`${documentHref(name)}?tab=versions`)}
        onCancel={() => router.push(documentHref(name))}
      />
    </div>
  );
}
