'use client';

import { TargetPicker } from '@/components/run-command/target-picker';
import { RateInput } from '@/components/run-command/rate-input';
import { targetsOf, type Target, type TargetChoice } from '@/components/run-command/target-choice';
import { listItems, type ParameterDefinition } from '@/components/run-command/parameter-fields';
import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';

export interface RateControl {
  isOn: boolean;
  targetParameterName: string;
  /** Nodes (by id, tag or group, resolved to node ids at start), or values given one per line. */
  targetKind: 'nodes' | 'values';
  target: TargetChoice;
  values: string;
  maxConcurrency: string;
  maxErrors: string;
}

/**
 * Rate control: the runbook runs once per target value (a child execution each), the value passed
 * in the chosen parameter; at most `maxConcurrency` at once, stopping after `maxErrors` failures.
 */
export function RateControlFields({ value, parameters, onChange }: { value: RateControl; parameters: ParameterDefinition[]; onChange: (value: RateControl) => void }) {
  const update = (patch: Partial<RateControl>) => onChange({ ...value, ...patch });
  return (
    <div className="space-y-4 p-5">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 accent-sky-600" checked={value.isOn} onChange={(event) => update({ isOn: event.target.checked })} />
        <span>
          <span className="block font-medium">Run over many targets</span>
          <span className="block text-xs text-slate-500">One child execution per node (or tag match, or group member), each with its own status, at the rate you choose.</span>
        </span>
      </label>
      {value.isOn && (
        <>
          <Field label="Target parameter" hint="The runbook parameter each target (a node id, or a value) is passed in; the form leaves it out.">
            <select className={inputClass} value={value.targetParameterName} onChange={(event) => update({ targetParameterName: event.target.value })}>
              <option value="">{parameters.length === 0 ? 'This runbook takes no parameters' : 'Choose a parameter…'}</option>
              {parameters.map((parameter) => <option key={parameter.name} value={parameter.name}>{`${parameter.name} (${parameter.type})`}</option>)}
            </select>
          </Field>
          <div role="radiogroup" aria-label="Target kind" className="inline-flex rounded border border-slate-300 bg-white p-0.5 text-sm">
            {([['nodes', 'Managed nodes'], ['values', 'Parameter values']] as const).map(([kind, title]) => (
              <button key={kind} type="button" role="radio" aria-checked={value.targetKind === kind} onClick={() => update({ targetKind: kind })} className={`rounded px-3 py-1 ${value.targetKind === kind ? 'bg-sky-600 font-medium text-white' : 'text-slate-600 hover:bg-slate-100'}`}>
                {title}
              </button>
            ))}
          </div>
          {value.targetKind === 'nodes' ? (
            <TargetPicker choice={value.target} onChange={(target) => update({ target })} />
          ) : (
            <Field label="Target values" hint="One value per line; each runs as its own child execution.">
              <textarea className={`${inputClass} h-28 font-mono text-xs`} value={value.values} onChange={(event) => update({ values: event.target.value })} spellCheck={false} />
            </Field>
          )}
          <div className="grid gap-4 md:grid-cols-2">
            <RateInput label="Max concurrency" hint="Child executions running at once: a number, or a percentage of the targets." value={value.maxConcurrency} onChange={(maxConcurrency) => update({ maxConcurrency })} minimum={1} />
            <RateInput label="Max errors" hint="Failed children after which no more start (0: stop at the first)." value={value.maxErrors} onChange={(maxErrors) => update({ maxErrors })} minimum={0} />
          </div>
        </>
      )}
    </div>
  );
}

/** The rate control's Targets as StartAutomationExecution takes them, or what is missing, in words. */
export function rateTargets(value: RateControl): { targets: Target[] } | { error: string } {
  if (value.targetKind === 'nodes') return targetsOf(value.target);
  const values = listItems(value.values).map((item) => item.trim());
  return values.length > 0 ? { targets: [{ Key: 'ParameterValues', Values: values }] } : { error: 'Give at least one target value, one per line.' };
}

/** Picks the parameter a target fills by its name, as AWS's console does for instance ids. */
export function guessTargetParameter(parameters: ParameterDefinition[]): string {
  return parameters.find((parameter) => /^instance_?ids?$/i.test(parameter.name))?.name ?? '';
}
