import { PolicyDetail } from '@/components/settings/policies/policy-detail';

export const metadata = { title: 'Policy' };

export default async function PolicyPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  // IAM names cannot contain '%', so decoding an already decoded name changes nothing.
  return <PolicyDetail name={decodeURIComponent(name)} />;
}
