'use client';

import { useQuery } from '@tanstack/react-query';
import { AssociationForm } from './association-form';
import { formStateOf } from './form-state';
import { associationTitle } from './association-text';
import { associationHref, associationQuery } from './queries';
import { documentParametersQuery } from '@/components/documents/queries';
import { DetailFallback, DetailHeader } from '@/components/settings/detail-page';
import { ErrorNotice } from '@/components/ui/notices';
import { ApiError } from '@/components/lib/api-client';

/** Edit: the create form prefilled from the association's latest version. */
export function EditAssociation({ associationId }: { associationId: string }) {
  // Read once: the form must not be reset under the user by the detail page's live refresh.
  const { data, error, isPending } = useQuery({ ...associationQuery(associationId), refetchInterval: false, refetchOnWindowFocus: false, staleTime: Infinity });
  // The description does not say whether the document is a Command or an Automation one; its parameters do.
  const document = useQuery({ ...documentParametersQuery(data?.Name ?? '', data?.DocumentVersion ?? '$DEFAULT'), enabled: Boolean(data) });
  if (!data) {
    const isMissing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return <DetailFallback error={isMissing ? null : error} isPending={isPending} noun="association" name={associationId} listHref="/state-manager" listName="State Manager" />;
  }
  return (
    <div className="space-y-5">
      <DetailHeader backHref={associationHref(associationId)} backLabel={associationTitle(data)} title={`Edit ${associationTitle(data)}`} summary={`Version ${data.AssociationVersion} · ${data.Name}`} />
      {document.error && <ErrorNotice error={document.error} />}
      {document.isPending && <p className="text-sm text-slate-500">Loading the document…</p>}
      {document.data && (
        <AssociationForm
          key={data.AssociationVersion}
          initial={formStateOf(data, document.data.documentType === 'Automation' ? 'Automation' : 'Command')}
          editing={{ associationId, associationVersion: data.AssociationVersion }}
        />
      )}
    </div>
  );
}
