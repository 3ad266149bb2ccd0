import { UsersView } from '@/components/settings/users/users-view';

export const metadata = { title: 'Users' };

export default function UsersPage() {
  return <UsersView />;
}
