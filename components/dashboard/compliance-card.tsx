import { DashboardCard } from './card';

/**
 * Patch and association compliance have no data source until Patch Manager and State Manager
 * exist; the card says so instead of showing numbers nobody measured.
 */
export function ComplianceCard() {
  return (
    <DashboardCard title="Compliance" description="Missing patches and non-compliant associations">
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="font-medium text-slate-700">Nodes missing patches</dt>
          <dd className="text-slate-500">Available once Patch Manager exists.</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-700">Non-compliant associations</dt>
          <dd className="text-slate-500">Available once State Manager exists.</dd>
        </div>
      </dl>
    </DashboardCard>
  );
}
