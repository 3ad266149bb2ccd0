import { EditAssociation } from '@/components/state-manager/edit-association';

export const metadata = { title: 'Edit association' };

export default async function EditAssociationPage({ params }: { params: Promise<{ associationId: string }> }) {
  const { associationId } = await params;
  return <EditAssociation associationId={associationId} />;
}
