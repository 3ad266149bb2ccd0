import { GroupDetail } from '@/components/settings/groups/group-detail';

export const metadata = { title: 'Group' };

export default async function GroupPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  // IAM names cannot contain '%', so decoding an already decoded name changes nothing.
  return <GroupDetail name={decodeURIComponent(name)} />;
}
