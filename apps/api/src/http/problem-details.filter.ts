import { randomUUID } from 'node:crypto';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainErrorCode, DomainException, type FieldError } from '@gantry/core';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isDependencyUnavailable } from './dependency-unavailable';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  errorId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case DomainErrorCode.NOT_FOUND:
      return 404;
    case DomainErrorCode.CONFLICT:
      return 409;
    case DomainErrorCode.INVALID_INPUT:
      return 400;
    case DomainErrorCode.FORBIDDEN:
      return 403;
    case DomainErrorCode.UNAUTHENTICATED:
      return 401;
    case DomainErrorCode.UNAVAILABLE:
      return 503;
  }
}

/** The one place errors become HTTP: application/problem+json, and never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    this.respond(host.switchToHttp().getResponse<Response>(), exception);
  }

  /** Also used by plain Express middleware mounted outside Nest's routing (Bull Board). */
  respond(response: Response, exception: unknown): void {
    const problem = this.toProblem(exception);
    if (problem.status >= 500) {
      problem.errorId = randomUUID();
      this.logger.error({ errorId: problem.errorId, err: exception }, 'unhandled error');
    }
    if (response.headersSent) {
      return;
    }
    if (problem.status === 503) {
      response.setHeader('Retry-After', '5');
    }
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainException) {
      return this.problem(statusOf(exception.code), exception.message, exception.errors);
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail = typeof message === 'string' ? message : Array.isArray(message) ? message.map(String).join('; ') : exception.message;
      return this.problem(exception.getStatus(), detail);
    }
    // body-parser errors carry an HTTP status and a type.
    const parserError = exception as { status?: number; type?: string; message?: string };
    if (parserError.type === 'entity.too.large') {
      return this.problem(413, 'The request body is larger than this API accepts');
    }
    if (parserError.type === 'entity.parse.failed') {
      return this.problem(400, `The request body is not valid JSON: ${parserError.message ?? ''}`.trim(), [
        { field: 'body', message: 'malformed JSON' },
      ]);
    }
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500 && parserError.type) {
      return this.problem(parserError.status, parserError.message ?? 'Bad request');
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string }).code;
      if (code === '23505') {
        return this.problem(409, 'This conflicts with an existing record');
      }
      if (code === '22P02' || code === '22003') {
        return this.problem(400, 'A value is not valid for its field');
      }
    }
    if (isDependencyUnavailable(exception)) {
      // A restart or failover of PostgreSQL or Redis, not a fault of the request: a retry shortly will succeed.
      return this.problem(503, 'The database or the queue is unavailable for a moment; retry shortly');
    }
    return this.problem(500, 'Something went wrong on our side; the error id identifies it in the logs');
  }

  private problem(status: number, detail: string, errors?: FieldError[]): ProblemDetails {
    return {
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      ...(errors && errors.length > 0 ? { errors } : {}),
    };
  }
}
