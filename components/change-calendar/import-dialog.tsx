'use client';

import { useState } from 'react';
import { useImportIcs, type CalendarDetail } from './queries';
import { Field } from '@/components/settings/field';
import { ModalForm } from '@/components/ui/modal-form';
import { ErrorNotice, buttonStyles } from '@/components/ui/notices';

/** A calendar document holds at most 64 KB, imported events included. */
const MAX_BYTES = 64 * 1024;

/**
 * Imports the events of an .ics file exported from Google Calendar, Outlook or iCloud. The file is
 * read here and its text sent; events already imported (same UID) are updated, not doubled.
 */
export function ImportDialog({ calendar, onImported, onClose }: { calendar: CalendarDetail; onImported: (message: string) => void; onClose: () => void }) {
  const importIcs = useImportIcs(calendar.name);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const handleFile = (chosen: File | null) => {
    setFile(chosen);
    importIcs.reset();
    setFileError(chosen && chosen.size > MAX_BYTES ? `${chosen.name} is ${Math.ceil(chosen.size / 1024)} KB; a calendar holds at most 64 KB. Export a shorter period, or only the events' basic details.` : null);
  };

  const handleSubmit = async () => {
    if (!file || fileError) return;
    const text = await file.text();
    importIcs.mutate(text, {
      onSuccess: ({ added, replaced }) => {
        const parts = [`${added} new event${added === 1 ? '' : 's'}`, ...(replaced > 0 ? [`${replaced} updated`] : [])];
        onImported(`Imported ${file.name}: ${parts.join(', ')}.`);
      },
    });
  };

  return (
    <ModalForm
      title="Import .ics file"
      description="Events from a calendar you exported (Google Calendar, Outlook, iCloud) are added to this calendar. Importing the same file again updates its events."
      onSubmit={() => void handleSubmit()}
      onCancel={onClose}
    >
      <Field label="Calendar file" hint="An iCalendar file (.ics). Reminders and attendee lists are left out.">
        <input type="file" accept=".ics,text/calendar" className="block w-full text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm" onChange={(event) => handleFile(event.target.files?.[0] ?? null)} required />
      </Field>
      {fileError && <ErrorNotice error={new Error(fileError)} />}
      {importIcs.error && <ErrorNotice error={importIcs.error} />}
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={!file || fileError !== null || importIcs.isPending}>{importIcs.isPending ? 'Importing…' : 'Import'}</button>
      </div>
    </ModalForm>
  );
}
