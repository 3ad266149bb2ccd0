import { GroupsView } from '@/components/settings/groups/groups-view';

export const metadata = { title: 'Groups' };

export default function GroupsPage() {
  return <GroupsView />;
}
