import { PageHeader } from '@/components/ui/page-header';
import { CalendarsView } from '@/components/change-calendar/calendars-view';

export const metadata = { title: 'Change Calendar' };

export default function ChangeCalendarPage() {
  return (
    <>
      <PageHeader
        title="Change Calendar"
        description="When changes may and may not happen: calendars open or closed by default, with events (one-off or repeating) that flip them. GetCalendarState and the schedulers read them."
      />
      <CalendarsView />
    </>
  );
}
