import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

/** Extra, client-safe details attached to an error (never driver messages or stacks). */
export type ErrorDetails = Record<string, string | number | boolean | null | readonly string[]>;

/**
 * The base of every error we raise on purpose. Anything that is not an AppError reaching
 * the formatter is unexpected and gets masked as INTERNAL_SERVER_ERROR.
 */
export abstract class AppError extends GraphQLError {
  abstract readonly code: ErrorCode;

  protected constructor(message: string, code: ErrorCode, details: ErrorDetails = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/** The request names something malformed: a bad id, an out-of-range argument, an invalid input. */
export class BadUserInputError extends AppError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ErrorCode.BAD_USER_INPUT, details);
  }
}

/** The request names something that does not exist. */
export class NotFoundError extends AppError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ErrorCode.NOT_FOUND, details);
  }
}

/** A write would break a uniqueness rule (an id, a name already used as another entity's alias). */
export class ConflictError extends AppError {
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ErrorCode.CONFLICT, details);
  }
}

/** No valid credentials were sent where they are required. */
export class UnauthenticatedError extends AppError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'A valid API key is required.') {
    super(message, ErrorCode.UNAUTHENTICATED);
  }
}

/** The caller is known but its role does not allow the operation. */
export class ForbiddenError extends AppError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, ErrorCode.FORBIDDEN, details);
  }
}

/** The query is refused before execution because it exceeds a configured limit. */
export class QueryLimitError extends AppError {
  constructor(
    message: string,
    readonly code: ErrorCode.QUERY_TOO_DEEP | ErrorCode.QUERY_TOO_COMPLEX | ErrorCode.TOO_MANY_ALIASES,
    details: ErrorDetails = {},
  ) {
    super(message, code, details);
  }
}

/** Neo4j gave up on a statement because it ran past the transaction timeout. */
export class QueryTimeoutError extends AppError {
  readonly code = ErrorCode.QUERY_TIMEOUT;
  constructor(message = 'The query took too long and was stopped.') {
    super(message, ErrorCode.QUERY_TIMEOUT);
  }
}

/** Neo4j cannot be reached; the request may succeed later. */
export class DatabaseUnavailableError extends AppError {
  readonly code = ErrorCode.DATABASE_UNAVAILABLE;
  constructor(message = 'The database is not reachable right now.') {
    super(message, ErrorCode.DATABASE_UNAVAILABLE);
  }
}
