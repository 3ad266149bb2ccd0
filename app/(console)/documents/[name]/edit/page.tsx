import { EditDocumentView } from '@/components/documents/edit-document-view';

export const metadata = { title: 'Edit document' };

export default async function EditDocumentPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <EditDocumentView name={decodeURIComponent(name)} />;
}
