'use client';

import { Field } from '@/components/settings/field';
import { inputClass } from '@/components/settings/ui';
import { fieldKind, initialValue, type ParameterDefinition } from './parameter-fields';

function hintOf(parameter: ParameterDefinition) {
  const defaultText = initialValue(parameter);
  const hasDefault = parameter.default !== undefined && parameter.default !== null;
  const isRequired = !hasDefault || (parameter.minItems ?? 0) > 0;
  const facts = [
    parameter.type === 'StringList' && 'One item per line.',
    hasDefault && defaultText !== '' && `Default: ${defaultText.replace(/\n/g, ' · ')}.`,
    isRequired && 'Required.',
  ].filter(Boolean);
  return (
    <>
      {parameter.description && <span className="block">{parameter.description}</span>}
      {facts.length > 0 && <span className="block">{facts.join(' ')}</span>}
      {parameter.allowedPattern && <span className="block break-all">{'Must match '}<code className="font-mono">{parameter.allowedPattern}</code></span>}
    </>
  );
}

/**
 * The form a document's parameters generate: String → input, StringList → one item per line
 * (a monospace box for `commands`), Boolean → checkbox, Integer → number, allowed values →
 * select. Values are the form's text; parameter-fields.ts turns them into SendCommand's lists.
 */
export function ParametersForm({
  parameters,
  values,
  errors = {},
  onChange,
}: {
  parameters: ParameterDefinition[];
  values: Record<string, string>;
  errors?: Record<string, string>;
  onChange: (name: string, value: string) => void;
}) {
  if (parameters.length === 0) return <p className="text-sm text-slate-500">This document takes no parameters.</p>;
  return (
    <div className="space-y-4">
      {parameters.map((parameter) => {
        const value = values[parameter.name] ?? initialValue(parameter);
        const error = errors[parameter.name];
        const invalid = error ? 'border-red-400 focus:border-red-500' : '';
        const kind = fieldKind(parameter);
        const control =
          kind === 'checkbox' ? null : kind === 'select' ? (
            <select className={`${inputClass} ${invalid}`} value={value} onChange={(event) => onChange(parameter.name, event.target.value)} aria-invalid={Boolean(error)}>
              {!parameter.allowedValues!.includes(value) && <option value={value}>{value === '' ? 'Choose…' : value}</option>}
              {parameter.allowedValues!.map((allowed) => <option key={allowed} value={allowed}>{allowed}</option>)}
            </select>
          ) : kind === 'number' ? (
            <input type="number" step={1} className={`${inputClass} ${invalid}`} value={value} onChange={(event) => onChange(parameter.name, event.target.value)} aria-invalid={Boolean(error)} />
          ) : kind === 'text' ? (
            <input className={`${inputClass} ${invalid}`} value={value} onChange={(event) => onChange(parameter.name, event.target.value)} aria-invalid={Boolean(error)} autoComplete="off" />
          ) : (
            <textarea
              // Tailwind orders utilities by its own rules, not by the class string: the script box's
              // dark background must replace inputClass's bg-white, not sit beside it.
              className={`${kind === 'code' ? inputClass.replace('bg-white', 'bg-slate-950') : inputClass} ${invalid} ${kind === 'code' ? 'h-40 font-mono text-xs text-slate-100 focus:border-sky-400' : kind === 'json' ? 'h-24 font-mono text-xs' : 'h-24'}`}
              value={value}
              spellCheck={false}
              onChange={(event) => onChange(parameter.name, event.target.value)}
              aria-invalid={Boolean(error)}
              placeholder={kind === 'code' ? 'echo "hello from $(hostname)"' : undefined}
            />
          );
        return (
          <div key={parameter.name}>
            {control ? (
              <Field label={parameter.name} hint={hintOf(parameter)}>{control}</Field>
            ) : (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-0.5 accent-sky-600" checked={value === 'true'} onChange={(event) => onChange(parameter.name, event.target.checked ? 'true' : 'false')} />
                <span>
                  <span className="block font-medium">{parameter.name}</span>
                  <span className="block text-xs text-slate-500">{hintOf(parameter)}</span>
                </span>
              </label>
            )}
            {error && <p className="mt-1 text-xs text-red-700" role="alert">{error}</p>}
          </div>
        );
      })}
    </div>
  );
}
