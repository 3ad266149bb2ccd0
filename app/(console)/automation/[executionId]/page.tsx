import { ExecutionDetail } from '@/components/automation/execution-detail';

export const metadata = { title: 'Automation execution' };

export default async function ExecutionPage({ params }: { params: Promise<{ executionId: string }> }) {
  const { executionId } = await params;
  return <ExecutionDetail executionId={executionId} />;
}
