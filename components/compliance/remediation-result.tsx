import Link from 'next/link';
import { linkClass } from '@/components/settings/ui';
import { startedLinks } from './compliance-text';
import type { StartedRemediation } from './queries';

/** What a remediation started, each linked to the page that follows it to its end. */
export function RemediationResult({ started, onDismiss }: { started: StartedRemediation[]; onDismiss: () => void }) {
  return (
    <section role="status" aria-label="Remediation started" className="rounded-lg border border-sky-200 bg-sky-50 px-5 py-3 text-sm">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p className="font-medium text-sky-900">Remediation started</p>
          <ul className="mt-1 space-y-0.5">
            {startedLinks(started).map((link) => (
              <li key={link.href}>
                <Link href={link.href} className={`${linkClass} font-medium`}>{link.label}</Link>
                <span className="text-slate-600">{` — ${link.detail}`}</span>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-600">Each node&apos;s compliance updates here when its run ends.</p>
        </div>
        <button type="button" className="text-xs text-slate-500 hover:underline" onClick={onDismiss}>Dismiss</button>
      </div>
    </section>
  );
}
