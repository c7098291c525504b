/**
 * The contract's error codes and the one place where errors become what a client sees:
 * deliberate errors keep their code and message, database constraint violations become
 * CONFLICT or BAD_USER_INPUT, and everything else is masked as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes a client may see besides ours: documents that never executed, and operation limits. */
const PASS_THROUGH_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
const LIMIT_CODE = /^MAX_[A-Z_]+_EXCEEDED$/;

/** A deliberate error: its code and message reach the client as they are. */
export class AppError extends GraphQLError {
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'You must be signed in') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
export const rateLimited = (message: string, retryAfterSeconds?: number) =>
  new AppError(ErrorCode.RATE_LIMITED, message, retryAfterSeconds ? { retryAfterSeconds } : {});

/** BAD_USER_INPUT whose message starts with the argument it is about, e.g. `input.name: …`. */
export function badInput(argument: string, problem: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${argument}: ${problem}`, { argument });
}

interface PgError {
  code?: string;
  constraint?: string;
}

/**
 * Constraint names map to the message a client sees on CONFLICT. Subgraphs register theirs,
 * so that the mapping from SQLSTATE to contract code stays in this one function.
 */
const constraintMessages = new Map<string, string>();
export function registerConstraintMessages(messages: Record<string, string>): void {
  for (const [name, message] of Object.entries(messages)) constraintMessages.set(name, message);
}

/** SQLSTATE → contract error; null when the error is not one a client caused. */
export function fromDatabaseError(error: unknown): AppError | null {
  const pg = error as PgError;
  if (!pg || typeof pg.code !== 'string') return null;
  switch (pg.code) {
    case '23505': // unique_violation
    case '23P01': // exclusion_violation
      return conflict((pg.constraint && constraintMessages.get(pg.constraint)) || 'This conflicts with existing data');
    case '22P02': // invalid_text_representation (a malformed uuid, say)
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22001': // string_data_right_truncation
      return new AppError(ErrorCode.BAD_USER_INPUT, 'A value has an invalid format');
    default:
      return null;
  }
}

/**
 * Apollo Server `formatError`: keep deliberate codes, map database errors, mask the rest.
 * Stack traces never leave the process.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const fromDb = fromDatabaseError(original);
    if (fromDb) return { ...formatted, message: fromDb.message, extensions: { ...fromDb.extensions } };
    const code = formatted.extensions?.code;
    const extensions = { ...formatted.extensions };
    delete extensions.stacktrace;
    delete extensions.exception;
    if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && (PASS_THROUGH_CODES.has(code) || LIMIT_CODE.test(code))) {
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
