'use client';

import { useId, useMemo } from 'react';
import { inputClass } from '@/components/settings/ui';
import { timeZoneNames } from './format';

/** A text input with every IANA zone the browser knows as suggestions; the server checks the name. */
export function TimeZoneInput({ id, value, onChange, 'aria-describedby': describedBy }: { id?: string; value: string; onChange: (value: string) => void; 'aria-describedby'?: string }) {
  const listId = useId();
  const zones = useMemo(() => timeZoneNames(), []);
  return (
    <>
      <input id={id} aria-describedby={describedBy} className={`${inputClass} font-mono`} list={listId} value={value} onChange={(event) => onChange(event.target.value)} autoComplete="off" spellCheck={false} />
      <datalist id={listId}>
        {zones.map((zone) => <option key={zone} value={zone} />)}
      </datalist>
    </>
  );
}
