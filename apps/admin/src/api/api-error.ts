/** A field the API refused, with its message (problem+json `errors`). */
export interface FieldError {
  field: string;
  message: string;
}

/** The one error the admin's API calls throw: the API's problem details, or a network failure as status 0. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    /** From Retry-After on 429 and 503: how long the API asks us to wait. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field messages keyed by the API's field path (`mappings[0].warehouseId`), first message per field. */
  fieldMessages(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const error of this.errors) {
      byField[error.field] ??= error.message;
    }
    return byField;
  }
}

/** What a problem+json body says, or a plain sentence for anything else. */
export function toApiError(status: number, body: unknown, retryAfter: string | null = null): ApiError {
  const wait = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  if (body && typeof body === 'object') {
    const problem = body as { detail?: unknown; title?: unknown; errors?: unknown };
    const detail = typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : '';
    const errors = Array.isArray(problem.errors)
      ? problem.errors.filter(
          (e): e is FieldError => !!e && typeof (e as FieldError).field === 'string' && typeof (e as FieldError).message === 'string',
        )
      : [];
    return new ApiError(status, detail || `The API answered ${status}`, errors, wait);
  }
  return new ApiError(status, `The API answered ${status}`, [], wait);
}
