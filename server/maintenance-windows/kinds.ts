/** The scheduled kinds Maintenance Windows registers with the schedule runner. */

/** A window's occurrences: firing one starts (or skips, and says why) a window execution. */
export const WINDOW_KIND = 'maintenance-window';

/**
 * A running window execution's next look: the runner queues it on pg-boss a few seconds ahead,
 * so an execution carries on after a restart, on whichever replica takes the job.
 */
export const EXECUTION_KIND = 'maintenance-window-execution';
