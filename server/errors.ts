/**
 * Domain errors. Names follow AWS's error codes so the SSM API can pass them through unchanged;
 * the console and socket edges map them to HTTP statuses and acks.
 */
export class OpsdeckError extends Error {
  readonly isOpsdeckError = true;

  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export const validationError = (message: string) => new OpsdeckError('ValidationException', message);
export const notFound = (code: string, message: string) => new OpsdeckError(code, message, 404);
export const notSignedIn = () =>
  new OpsdeckError('UnrecognizedClientException', 'You are not signed in or your session has expired', 401);

// Checked by shape, not instanceof: Next bundles its own copy of this module.
export function isOpsdeckError(error: unknown): error is OpsdeckError {
  return typeof error === 'object' && error !== null && (error as OpsdeckError).isOpsdeckError === true;
}
