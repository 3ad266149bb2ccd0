import { PoliciesView } from '@/components/settings/policies/policies-view';
import { CreatePolicyView } from '@/components/settings/policies/create-policy-view';

export const metadata = { title: 'Policies' };

// Creation is a query (?create=1[&from=Name]) rather than a /new segment, which would hide a
// policy that is itself named "new".
export default async function PoliciesPage({ searchParams }: { searchParams: Promise<{ create?: string; from?: string }> }) {
  const { create, from } = await searchParams;
  return create !== undefined ? <CreatePolicyView copyFrom={from} /> : <PoliciesView />;
}
