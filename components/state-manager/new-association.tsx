'use client';

import { useSearchParams } from 'next/navigation';
import { AssociationForm } from './association-form';
import { emptyFormState } from './form-state';

/** The create form; ?document= preselects a Command document (from a document's page). */
export function NewAssociation() {
  const searchParams = useSearchParams();
  return <AssociationForm initial={emptyFormState(searchParams.get('document') ?? undefined)} />;
}
