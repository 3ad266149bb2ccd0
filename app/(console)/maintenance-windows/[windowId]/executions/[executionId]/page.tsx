import { ExecutionDetail } from '@/components/maintenance-windows/execution-detail';

export const metadata = { title: 'Maintenance window execution' };

export default async function WindowExecutionPage({ params }: { params: Promise<{ windowId: string; executionId: string }> }) {
  const { windowId, executionId } = await params;
  return <ExecutionDetail windowId={decodeURIComponent(windowId)} executionId={decodeURIComponent(executionId)} />;
}
