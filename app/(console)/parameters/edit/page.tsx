import { EditParameterView } from '@/components/parameters/edit-parameter-view';
import { parameterArnPrefix } from '@/server/parameters/console';

export const metadata = { title: 'Edit parameter' };

// ?name=: parameter names hold slashes, so the page takes them in the query string.
export default async function EditParameterPage({ searchParams }: { searchParams: Promise<{ name?: string }> }) {
  const { name = '' } = await searchParams;
  return <EditParameterView name={name} arnPrefix={parameterArnPrefix()} />;
}
