import type { ErrorCode } from '../../shared/contracts/api.ts';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 502 | 503;

/** The one error type handlers throw; `onError` turns it into `{code, message, requestId}`. */
export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: ErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(status: ErrorStatus, code: ErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, 'not_found', `${what} not found`);
  }

  static unauthorized(message = 'missing or invalid bearer token'): ApiError {
    return new ApiError(401, 'unauthorized', message);
  }
}
