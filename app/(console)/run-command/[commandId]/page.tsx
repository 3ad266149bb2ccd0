import { CommandDetail } from '@/components/run-command/command-detail';

export const metadata = { title: 'Command' };

export default async function CommandPage({ params }: { params: Promise<{ commandId: string }> }) {
  const { commandId } = await params;
  return <CommandDetail commandId={commandId} />;
}
