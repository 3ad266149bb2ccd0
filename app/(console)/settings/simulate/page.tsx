import { SimulateView } from '@/components/settings/simulate/simulate-view';

export const metadata = { title: 'Policy simulator' };

export default function SimulatePage() {
  return <SimulateView />;
}
