'use client';

import type { ReactNode } from 'react';

export interface Choice<Value extends string> {
  value: Value;
  title: string;
  description: ReactNode;
  /** Why this choice is not available here, shown instead of letting it be picked. */
  disabledReason?: string;
}

/** A radio group drawn as cards, each with a line on what it means. */
export function ChoiceCards<Value extends string>({ legend, name, choices, value, onChange }: {
  legend: string;
  name: string;
  choices: Choice<Value>[];
  value: Value;
  onChange: (value: Value) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium">{legend}</legend>
      <div className={`grid gap-3 ${choices.length === 3 ? 'sm:grid-cols-3' : 'sm:grid-cols-2'}`}>
        {choices.map((choice) => {
          const isChecked = value === choice.value;
          const isDisabled = choice.disabledReason !== undefined;
          return (
            <label
              key={choice.value}
              className={`flex gap-3 rounded-lg border p-3 text-sm ${isDisabled ? 'cursor-not-allowed border-slate-200 bg-slate-50 text-slate-400' : isChecked ? 'cursor-pointer border-sky-500 bg-sky-50/60 ring-1 ring-sky-500' : 'cursor-pointer border-slate-200 bg-white hover:border-slate-300'}`}
            >
              <input type="radio" name={name} value={choice.value} checked={isChecked} disabled={isDisabled} onChange={() => onChange(choice.value)} className="mt-0.5 accent-sky-600" />
              <span>
                <span className="block font-medium">{choice.title}</span>
                <span className={`block text-xs ${isDisabled ? '' : 'text-slate-600'}`}>{choice.disabledReason ?? choice.description}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
