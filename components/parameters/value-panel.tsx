'use client';

import { useState } from 'react';
import { useRevealValue, type ParameterDetail } from './queries';
import { stringListItems } from './value-rules';
import { Section } from '@/components/settings/ui';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

function CopyButton({ text }: { text: string }) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonStyles.secondary}
      onClick={() => void navigator.clipboard?.writeText(text).then(() => setIsCopied(true), () => setIsCopied(false))}
    >
      {isCopied ? 'Copied' : 'Copy'}
    </button>
  );
}

function ValueText({ value, type }: { value: string; type: string }) {
  return (
    <div className="space-y-2 px-5 py-4">
      <pre aria-label="Parameter value" className="max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-200">{value}</pre>
      {type === 'StringList' && (
        <ul aria-label="List items" className="flex flex-wrap gap-1">
          {stringListItems(value).map((item, index) => <li key={index} className="rounded bg-sky-50 px-1.5 py-0.5 font-mono text-xs text-sky-800 ring-1 ring-inset ring-sky-600/20">{item}</li>)}
        </ul>
      )}
    </div>
  );
}

/**
 * A SecureString's value stays hidden until someone asks for it: "Show" is a decrypting read the
 * server records in the audit trail, and "Hide" drops the plaintext from the page.
 */
function SecretValue({ name, keyId, canReveal }: { name: string; keyId: string | undefined; canReveal: boolean }) {
  const reveal = useRevealValue(name);
  const [plaintext, setPlaintext] = useState<string | null>(null);
  if (plaintext !== null) {
    return (
      <>
        <ValueText value={plaintext} type="SecureString" />
        <div className="flex items-center gap-2 px-5 pb-4">
          <button type="button" className={buttonStyles.secondary} onClick={() => setPlaintext(null)}>Hide</button>
          <CopyButton text={plaintext} />
          <span className="text-xs text-slate-500">Revealed just now; your read is in the audit trail.</span>
        </div>
      </>
    );
  }
  return (
    <div className="space-y-3 px-5 py-4">
      <div className="flex items-center gap-3">
        <span aria-label="Hidden value" className="rounded bg-slate-100 px-3 py-1.5 font-mono text-sm tracking-widest text-slate-500">••••••••••••</span>
        {canReveal && (
          <button type="button" className={buttonStyles.secondary} disabled={reveal.isPending} onClick={() => reveal.mutate(undefined, { onSuccess: (parameter) => setPlaintext(parameter.Value) })}>
            {reveal.isPending ? 'Decrypting…' : 'Show'}
          </button>
        )}
      </div>
      <p className="text-xs text-slate-500">
        {`Encrypted with ${keyId ?? 'alias/aws/ssm'}. `}
        {canReveal
          ? 'Showing the value decrypts it and is recorded in the audit trail, with your name and address.'
          : 'Your permissions do not allow reading it: that takes ssm:GetParameter on the parameter and kms:Decrypt on its key.'}
      </p>
      {reveal.error && <ErrorNotice error={reveal.error} />}
    </div>
  );
}

export function ValuePanel({ detail }: { detail: ParameterDetail }) {
  const { parameter, value, permissions } = detail;
  return (
    <Section title="Value" description={`Version ${parameter.Version}`} actions={value !== null && <CopyButton text={value} />}>
      {parameter.Type === 'SecureString' ? (
        <SecretValue key={parameter.Version} name={parameter.Name} keyId={parameter.KeyId} canReveal={permissions.canReveal} />
      ) : value === null ? (
        <p className="px-5 py-4 text-sm text-slate-500">Your permissions do not allow reading this value (ssm:GetParameter).</p>
      ) : (
        <ValueText value={value} type={parameter.Type} />
      )}
    </Section>
  );
}
