import { newCalendarText } from '@/server/change-calendar/edit';
console.log(JSON.stringify(newCalendarText({ calendarType: 'DEFAULT_CLOSED', description: 'Release windows, Tuesdays' })));
