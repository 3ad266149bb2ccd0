import { OpsdeckError } from '@/server/errors';

/**
 * A schedule expression, time zone or schedule offset that AWS would refuse. SSM answers these
 * with ValidationException, so the API edge passes it through as it does other domain errors; the
 * message names the expression and the part that is wrong.
 */
export class ScheduleExpressionError extends OpsdeckError {
  readonly isScheduleExpressionError = true;

  constructor(
    message: string,
    /** Which input is wrong, for forms that put the message beside a field. */
    readonly part: 'expression' | 'timezone' | 'scheduleOffsetDays' = 'expression',
  ) {
    super('ValidationException', message, 400);
  }
}

// Checked by shape as well as by class: Next bundles its own copy of server modules.
export function isScheduleExpressionError(error: unknown): error is ScheduleExpressionError {
  return typeof error === 'object' && error !== null && (error as ScheduleExpressionError).isScheduleExpressionError === true;
}
