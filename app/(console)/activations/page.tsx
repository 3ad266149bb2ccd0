import { ActivationsView } from '@/components/activations/activations-view';

export const metadata = { title: 'Hybrid Activations' };

export default function ActivationsPage() {
  return <ActivationsView />;
}
