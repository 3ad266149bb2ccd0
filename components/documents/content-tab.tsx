'use client';

import { useQuery } from '@tanstack/react-query';
import { CodeEditor, type ContentFormat } from './code-editor';
import { documentContentQuery } from './queries';
import { VersionPicker } from './version-picker';
import { Section } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';
import { dateTime } from '@/components/lib/format';

/** One version's content, read-only, as it was saved. */
export function ContentTab({ name, version, onVersion }: { name: string; version: string; onVersion: (version: string) => void }) {
  const { data, error, isPending } = useQuery(documentContentQuery(name, version));
  return (
    <Section
      title="Content"
      description={data ? `Version ${data.DocumentVersion}${data.VersionName ? ` (${data.VersionName})` : ''}, ${data.DocumentFormat}, saved ${dateTime(data.CreatedDate)}` : undefined}
      actions={<VersionPicker name={name} value={version} onChange={onVersion} />}
    >
      <div className="p-5">
        {error ? <ErrorNotice error={error} /> : null}
        {isPending && <p className="text-sm text-slate-500">Loading content…</p>}
        {data && <CodeEditor value={data.Content} format={data.DocumentFormat as ContentFormat} isReadOnly label={`Content of ${name} version ${data.DocumentVersion}`} minHeight="8rem" maxHeight="40rem" />}
      </div>
    </Section>
  );
}
