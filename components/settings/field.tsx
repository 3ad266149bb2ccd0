'use client';

import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';

/**
 * A labelled control with an optional hint. The hint describes the control (aria-describedby)
 * instead of becoming part of its name, so "Resource" is announced and found as "Resource".
 */
export function Field({
  label,
  hint,
  className = '',
  children,
}: {
  label: string;
  hint?: ReactNode;
  className?: string;
  children: ReactElement<{ id?: string; 'aria-describedby'?: string }>;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={`text-sm ${className}`}>
      <label htmlFor={id} className="mb-1 block font-medium">{label}</label>
      {cloneElement(children, { id, 'aria-describedby': hint ? hintId : undefined })}
      {hint && <p id={hintId} className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}
