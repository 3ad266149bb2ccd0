import { inputClass } from '@/components/settings/ui';

/** The console's input look at a width of the caller's choosing (inputClass is full width). */
export const sizedInputClass = inputClass.replace('w-full ', '');
