'use client';

export interface Choice<Value extends string> {
  value: Value;
  title: string;
  description: string;
}

const COLUMNS = { 2: 'md:grid-cols-2', 3: 'md:grid-cols-3' } as const;

/**
 * A radio group drawn as cards (title and a line of explanation), the console's way to pick one
 * of a few modes: targets, schedule kind, document type, group type.
 */
export function ChoiceCards<Value extends string>({
  name,
  label,
  choices,
  value,
  columns = 2,
  onChange,
}: {
  name: string;
  label: string;
  choices: readonly Choice<Value>[];
  value: Value;
  columns?: 2 | 3;
  onChange: (value: Value) => void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className={`grid gap-3 ${COLUMNS[columns]}`}>
      {choices.map((choice) => (
        <label
          key={choice.value}
          className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm ${value === choice.value ? 'border-sky-500 bg-sky-50/60 ring-1 ring-sky-500' : 'border-slate-200 bg-white hover:border-slate-300'}`}
        >
          <input type="radio" name={name} value={choice.value} className="mt-0.5 accent-sky-600" checked={value === choice.value} onChange={() => onChange(choice.value)} />
          <span>
            <span className="block font-medium">{choice.title}</span>
            <span className="block text-xs text-slate-600">{choice.description}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
