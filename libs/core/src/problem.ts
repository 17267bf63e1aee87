import { HttpException, HttpStatus } from '@nestjs/common';

export const PROBLEM_BASE = 'https://problems.backoffice.dev/';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

/** Every error the API returns on purpose is one of these: a stable slug, a status and a human detail. */
export class ProblemException extends HttpException {
  constructor(
    readonly slug: string,
    status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super({ slug, title, detail }, status);
  }

  toBody(): ProblemBody {
    return {
      type: PROBLEM_BASE + this.slug,
      title: this.title,
      status: this.getStatus(),
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

export const Problems = {
  validation: (errors: FieldError[], detail = 'The request is not valid.') =>
    new ProblemException('validation-failed', HttpStatus.BAD_REQUEST, 'Validation failed', detail, errors),
  badRequest: (detail: string) => new ProblemException('bad-request', HttpStatus.BAD_REQUEST, 'Bad request', detail),
  unauthorized: (detail = 'Authentication is required.') =>
    new ProblemException('unauthorized', HttpStatus.UNAUTHORIZED, 'Unauthorized', detail),
  invalidCredentials: () =>
    new ProblemException('invalid-credentials', HttpStatus.UNAUTHORIZED, 'Invalid credentials', 'The email or password is not correct.'),
  forbidden: (detail = 'You do not have permission to do this.') =>
    new ProblemException('forbidden', HttpStatus.FORBIDDEN, 'Forbidden', detail),
  notFound: (entity: string) => new ProblemException('not-found', HttpStatus.NOT_FOUND, 'Not found', `${entity} was not found.`),
  conflict: (slug: string, detail: string) => new ProblemException(slug, HttpStatus.CONFLICT, 'Conflict', detail),
  unprocessable: (slug: string, detail: string) =>
    new ProblemException(slug, HttpStatus.UNPROCESSABLE_ENTITY, 'Unprocessable request', detail),
  gone: (slug: string, detail: string) => new ProblemException(slug, HttpStatus.GONE, 'Gone', detail),
  tooMany: (slug: string, detail: string, retryAfterSeconds: number) =>
    new ProblemException(slug, HttpStatus.TOO_MANY_REQUESTS, 'Too many requests', detail, undefined, { retryAfter: retryAfterSeconds }),
};

/**
 * Marks a problem whose transaction must still commit (e.g. revoking a token family when a refresh
 * token is reused: the revocation must stick even though the caller gets an error).
 */
export class CommittingProblem extends Error {
  constructor(readonly problem: ProblemException) {
    super(problem.message);
  }
}
