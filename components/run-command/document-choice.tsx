'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { documentHref, documentListQuery, documentVersionsQuery } from '@/components/documents/queries';
import { Field } from '@/components/settings/field';
import { inputClass, linkClass } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';

const LISTED = 100;

/**
 * The document to run (built-in and yours, of one type: Command for Run Command, Automation for
 * runbooks) and which of its versions.
 */
export function DocumentChoice({ name, version, onName, onVersion, documentType = 'Command', label = 'Document' }: {
  name: string;
  version: string;
  onName: (name: string) => void;
  onVersion: (version: string) => void;
  documentType?: 'Command' | 'Automation';
  label?: string;
}) {
  const documents = useQuery(documentListQuery({ owner: 'All', type: documentType, search: '', page: 1 }, LISTED));
  const versions = useQuery({ ...documentVersionsQuery(name), enabled: Boolean(name) });
  const chosen = documents.data?.documents.find((document) => document.Name === name);
  const defaultVersion = versions.data?.versions.find((candidate) => candidate.IsDefaultVersion)?.DocumentVersion;
  const latestVersion = versions.data?.versions[0]?.DocumentVersion;

  return (
    <div className="space-y-3">
      {documents.error && <ErrorNotice error={documents.error} />}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={label} className="md:col-span-2" hint={chosen ? <>{chosen.Owner === 'Amazon' ? 'Built-in' : 'Owned by me'} · {chosen.PlatformTypes.join(', ') || 'any platform'} · <Link href={documentHref(chosen.Name)} className={linkClass}>view document</Link></> : undefined}>
          <select className={inputClass} value={name} onChange={(event) => onName(event.target.value)}>
            {!chosen && <option value={name}>{documents.isPending ? 'Loading documents…' : name || 'Choose a document…'}</option>}
            {documents.data?.documents.map((document) => <option key={document.Name} value={document.Name}>{document.Name}</option>)}
          </select>
        </Field>
        <Field label={`${label} version`} hint="The default version runs unless you pick another.">
          <select className={inputClass} value={version} onChange={(event) => onVersion(event.target.value)}>
            <option value="$DEFAULT">{`Default version${defaultVersion ? ` (${defaultVersion})` : ''}`}</option>
            <option value="$LATEST">{`Latest version${latestVersion ? ` (${latestVersion})` : ''}`}</option>
            {versions.data?.versions.map((candidate) => (
              <option key={candidate.DocumentVersion} value={candidate.DocumentVersion}>{`Version ${candidate.DocumentVersion}${candidate.VersionName ? ` · ${candidate.VersionName}` : ''}`}</option>
            ))}
          </select>
        </Field>
      </div>
      {documents.data && documents.data.total > documents.data.documents.length && (
        <p className="text-xs text-slate-500">{`The first ${documents.data.documents.length} of ${documents.data.total} ${documentType} documents are listed.`}</p>
      )}
    </div>
  );
}
