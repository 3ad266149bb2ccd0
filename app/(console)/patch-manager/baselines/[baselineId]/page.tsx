import { BaselineDetail } from '@/components/patch-manager/baseline-detail';

export const metadata = { title: 'Patch baseline' };

export default async function PatchBaselinePage({ params }: { params: Promise<{ baselineId: string }> }) {
  const { baselineId } = await params;
  return <BaselineDetail baselineId={decodeURIComponent(baselineId)} />;
}
