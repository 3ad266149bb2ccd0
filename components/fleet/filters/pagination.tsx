import { PAGE_SIZES } from '@/server/fleet/filters';
import { buttonStyles } from '@/components/ui/notices';

/** Server-side pages: "Showing 51–100 of 100,000", previous/next, and the page size. */
export function Pagination({ page, pageSize, total, onPage, onPageSize }: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-2 text-sm text-slate-600">
      <span>
        Showing {first.toLocaleString('en')}–{last.toLocaleString('en')} of {total.toLocaleString('en')}
      </span>
      <span className="flex items-center gap-2">
        <label className="flex items-center gap-1">
          Per page
          <select className="rounded border border-slate-300 px-1.5 py-1 text-sm" value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
            {PAGE_SIZES.map((size) => <option key={size} value={size}>{size}</option>)}
          </select>
        </label>
        <button type="button" className={buttonStyles.secondary} disabled={page <= 1} onClick={() => onPage(page - 1)}>Previous</button>
        Page {page.toLocaleString('en')} of {pageCount.toLocaleString('en')}
        <button type="button" className={buttonStyles.secondary} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>Next</button>
      </span>
    </div>
  );
}
