import { UserDetail } from '@/components/settings/users/user-detail';

export const metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  // IAM names cannot contain '%', so decoding an already decoded name changes nothing.
  return <UserDetail username={decodeURIComponent(username)} />;
}
