import { WindowDetail } from '@/components/maintenance-windows/window-detail';

export const metadata = { title: 'Maintenance window' };

export default async function MaintenanceWindowPage({ params }: { params: Promise<{ windowId: string }> }) {
  const { windowId } = await params;
  return <WindowDetail windowId={decodeURIComponent(windowId)} />;
}
