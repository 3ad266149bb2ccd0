import { KeyDetailView } from '@/components/keys/key-detail';

export const metadata = { title: 'Key' };

export default async function KeyPage({ params }: { params: Promise<{ keyId: string }> }) {
  const { keyId } = await params;
  return <KeyDetailView keyId={decodeURIComponent(keyId)} />;
}
