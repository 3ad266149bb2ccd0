import { notFound } from 'next/navigation';
import { findNavItem } from '@/components/shell/nav-items';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/notices';

/** Capabilities on the roadmap get an honest page, not fake data. */
export default async function NotBuiltYetPage({ params }: { params: Promise<{ section: string }> }) {
  const { section } = await params;
  const item = findNavItem(`/${section}`);
  if (!item || item.isBuilt) notFound();
  return (
    <>
      <PageHeader title={item.label} description={item.summary} />
      <EmptyState title={`${item.label} is not built yet`}>
        This capability is on the Opsdeck roadmap. Nothing on this page is simulated.
      </EmptyState>
    </>
  );
}
