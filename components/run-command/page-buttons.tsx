import { buttonStyles } from '@/components/ui/notices';

/**
 * Previous / next under a list. Lists that know their total say "Page 2 of 7"; command history
 * pages by offset without counting (ListCommands has no total), so it says only "Page 2".
 */
export function PageButtons({ summary, page, pageCount, hasPrevious, hasNext, onPage }: {
  summary?: string;
  page: number;
  pageCount?: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPage: (page: number) => void;
}) {
  if (!hasPrevious && !hasNext && !summary) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-5 py-2 text-sm text-slate-600">
      <span>{summary}</span>
      {(hasPrevious || hasNext) && (
        <span className="flex items-center gap-2">
          <button type="button" className={buttonStyles.secondary} disabled={!hasPrevious} onClick={() => onPage(page - 1)}>Previous</button>
          {pageCount ? `Page ${page.toLocaleString('en')} of ${pageCount.toLocaleString('en')}` : `Page ${page.toLocaleString('en')}`}
          <button type="button" className={buttonStyles.secondary} disabled={!hasNext} onClick={() => onPage(page + 1)}>Next</button>
        </span>
      )}
    </nav>
  );
}
