export enum DomainErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_INPUT = 'INVALID_INPUT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  UNAVAILABLE = 'UNAVAILABLE',
}

export interface FieldError {
  field: string;
  message: string;
}

/** The one error type libraries throw for expected failures; apps/api maps the code to HTTP. */
export class DomainException extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainException';
  }

  static notFound(message: string, field?: string, errors?: FieldError[]): DomainException {
    return new DomainException(DomainErrorCode.NOT_FOUND, message, errors ?? (field ? [{ field, message }] : []));
  }

  static conflict(message: string, field?: string, errors?: FieldError[]): DomainException {
    return new DomainException(DomainErrorCode.CONFLICT, message, errors ?? (field ? [{ field, message }] : []));
  }

  static invalid(message: string, errors: FieldError[] = []): DomainException {
    return new DomainException(DomainErrorCode.INVALID_INPUT, message, errors);
  }
}
