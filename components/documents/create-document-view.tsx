'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { DocumentForm } from './document-form';
import { STARTER_CONTENT, type EditableFormat } from './document-format';
import { documentContentQuery, documentHref } from './queries';
import { ErrorNotice } from '@/components/ui/notices';

/** A new document: from the starter template, or (?from=NAME) from another document's default version. */
export function CreateDocumentView() {
  const router = useRouter();
  const from = useSearchParams().get('from');
  const source = useQuery({ ...documentContentQuery(from ?? '', '$DEFAULT'), enabled: Boolean(from) });

  if (from && source.error) return <ErrorNotice error={source.error} />;
  if (from && !source.data) return <p className="text-sm text-slate-500">{`Loading ${from}…`}</p>;
  const sourceFormat = source.data?.DocumentFormat;
  const initial = source.data && (sourceFormat === 'JSON' || sourceFormat === 'YAML')
    ? { content: source.data.Content, format: sourceFormat as EditableFormat, documentType: source.data.DocumentType }
    : { content: STARTER_CONTENT.YAML, format: 'YAML' as const };

  return (
    <div className="space-y-4">
      <Link href="/documents" className="text-sm text-sky-700 hover:underline">← Documents</Link>
      {from && <p className="text-sm text-slate-600">{`Starting from the content of ${from}, version ${source.data?.DocumentVersion}. Give your copy its own name.`}</p>}
      <DocumentForm initial={initial} onSaved={(name) => router.push(documentHref(name))} onCancel={() => router.push(from ? documentHref(from) : '/documents')} />
    </div>
  );
}
