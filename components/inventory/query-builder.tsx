'use client';

import { useState } from 'react';
import { sizedInputClass } from '@/components/run-command/ui';
import { Section } from '@/components/settings/ui';
import { buttonStyles } from '@/components/ui/notices';
import type { InventoryFilter, TypeSchema } from './queries';

type Operator = InventoryFilter['operator'];

const OPERATORS: { value: Operator; label: string }[] = [
  { value: 'Equal', label: 'is' },
  { value: 'NotEqual', label: 'is not' },
  { value: 'BeginWith', label: 'begins with' },
  { value: 'LessThan', label: 'is below' },
  { value: 'GreaterThan', label: 'is above' },
  { value: 'Exists', label: 'is present' },
];

interface Condition {
  typeName: string;
  attribute: string;
  operator: Operator;
  value: string;
}

const PRESETS: { label: string; conditions: Condition[] }[] = [
  {
    label: 'Package below a version',
    conditions: [
      { typeName: 'AWS:Application', attribute: 'Name', operator: 'Equal', value: 'openssl' },
      { typeName: 'AWS:Application', attribute: 'Version', operator: 'LessThan', value: '3.0.15' },
    ],
  },
  {
    label: 'Running service',
    conditions: [
      { typeName: 'AWS:Service', attribute: 'Name', operator: 'Equal', value: 'nginx' },
      { typeName: 'AWS:Service', attribute: 'Status', operator: 'Equal', value: 'Running' },
    ],
  },
];

const toCondition = (filter: InventoryFilter): Condition => ({ typeName: filter.typeName, attribute: filter.attribute, operator: filter.operator, value: filter.values[0] ?? '' });
const toFilter = (condition: Condition): InventoryFilter => ({ ...condition, values: condition.operator === 'Exists' ? [] : [condition.value] });
const blank = (): Condition => ({ typeName: 'AWS:Application', attribute: 'Name', operator: 'Equal', value: '' });

/** Why the conditions cannot run yet, in words; undefined when they can. */
function problemOf(conditions: Condition[]): string | undefined {
  const index = conditions.findIndex((condition) => condition.operator !== 'Exists' && condition.value.trim() === '');
  return index >= 0 ? `condition ${index + 1} (${conditions[index]!.typeName}.${conditions[index]!.attribute}) needs a value` : undefined;
}

function ConditionRow({ condition, index, schemas, onChange, onRemove }: { condition: Condition; index: number; schemas: TypeSchema[]; onChange: (next: Condition) => void; onRemove: () => void }) {
  const attributes = schemas.find((schema) => schema.typeName === condition.typeName)?.attributes ?? [];
  const isVersion = condition.attribute === 'Version' && (condition.typeName === 'AWS:Application' || condition.typeName === 'AWS:AWSComponent');
  return (
    <li className="flex flex-wrap items-center gap-2" aria-label={`Condition ${index + 1}`}>
      <select aria-label="Type" className={sizedInputClass} value={condition.typeName} onChange={(event) => {
        const next = schemas.find((schema) => schema.typeName === event.target.value);
        onChange({ ...condition, typeName: event.target.value, attribute: next?.attributes[0]?.name ?? 'Name' });
      }}>
        {schemas.map((schema) => <option key={schema.typeName} value={schema.typeName}>{schema.typeName}</option>)}
      </select>
      <select aria-label="Attribute" className={sizedInputClass} value={condition.attribute} onChange={(event) => onChange({ ...condition, attribute: event.target.value })}>
        {attributes.map((attribute) => <option key={attribute.name} value={attribute.name}>{attribute.name}</option>)}
      </select>
      <select aria-label="Operator" className={sizedInputClass} value={condition.operator} onChange={(event) => onChange({ ...condition, operator: event.target.value as Operator })}>
        {OPERATORS.map((operator) => <option key={operator.value} value={operator.value}>{operator.label}</option>)}
      </select>
      {condition.operator !== 'Exists' && (
        <input aria-label="Value" className={`${sizedInputClass} w-56`} value={condition.value} placeholder={isVersion ? 'a version, e.g. 3.0.15' : 'value'} onChange={(event) => onChange({ ...condition, value: event.target.value })} />
      )}
      {isVersion && (condition.operator === 'LessThan' || condition.operator === 'GreaterThan') && <span className="text-xs text-slate-500">compared as dpkg/rpm order versions</span>}
      <button type="button" className="text-sm text-slate-500 hover:text-red-700" onClick={onRemove} aria-label={`Remove condition ${index + 1}`}>Remove</button>
    </li>
  );
}

/**
 * Conditions on inventory attributes. Conditions on one type must hold for the same entry ("openssl
 * below 3.0.15" is one package); conditions on different types must each hold on the node.
 */
export function QueryBuilder({ filters, schemas, onRun }: { filters: InventoryFilter[]; schemas: TypeSchema[]; onRun: (filters: InventoryFilter[]) => void }) {
  const conditionsOf = (next: InventoryFilter[]) => (next.length > 0 ? next.map(toCondition) : [blank()]);
  const [conditions, setConditions] = useState<Condition[]>(() => conditionsOf(filters));
  const [shownProblem, setShownProblem] = useState<string>();
  // A query set from elsewhere (a top package picked, the back button) replaces what is being edited.
  const filtersKey = JSON.stringify(filters);
  const [appliedKey, setAppliedKey] = useState(filtersKey);
  if (appliedKey !== filtersKey) {
    setAppliedKey(filtersKey);
    setConditions(conditionsOf(filters));
  }
  const update = (index: number, next: Condition) => setConditions(conditions.map((condition, position) => (position === index ? next : condition)));
  const run = () => {
    const problem = problemOf(conditions);
    setShownProblem(problem);
    if (!problem) onRun(conditions.map(toFilter));
  };
  return (
    <Section
      title="Query the fleet"
      description="Find nodes by what they have installed, run or hold. Versions compare as the package manager orders them."
      actions={PRESETS.map((preset) => (
        <button key={preset.label} type="button" className={buttonStyles.secondary} onClick={() => setConditions(preset.conditions)}>{preset.label}</button>
      ))}
    >
      <form className="space-y-3 px-5 py-4" onSubmit={(event) => { event.preventDefault(); run(); }}>
        <ul className="space-y-2" aria-label="Conditions">
          {conditions.map((condition, index) => (
            <ConditionRow key={index} condition={condition} index={index} schemas={schemas} onChange={(next) => update(index, next)} onRemove={() => setConditions(conditions.filter((_, position) => position !== index))} />
          ))}
        </ul>
        {shownProblem && <p role="alert" className="text-sm text-red-700">{shownProblem}</p>}
        <div className="flex gap-2">
          <button type="button" className={buttonStyles.secondary} disabled={conditions.length >= 5} onClick={() => setConditions([...conditions, blank()])}>Add condition</button>
          <button type="submit" className={buttonStyles.primary}>Run query</button>
          {filters.length > 0 && <button type="button" className={buttonStyles.secondary} onClick={() => { setConditions([blank()]); onRun([]); }}>Show all nodes</button>}
        </div>
      </form>
    </Section>
  );
}
