import type { ProblemDetails } from '@app/api-client';

export class ApiProblem extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
  }

  get status() {
    return this.problem.status;
  }

  /** Last segment of the problem type URI, e.g. `totp-required`. */
  get slug() {
    return problemSlug(this.problem.type);
  }
}

export function problemSlug(type: string | undefined): string {
  if (!type) return '';
  return type.split('/').pop() ?? '';
}

function isProblem(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && 'title' in body && 'status' in body;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Returns the response body, or throws an ApiProblem for any non-2xx answer. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiProblem({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: cause instanceof Error ? cause.message : 'The server could not be reached.',
    });
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  if (isProblem(error)) throw new ApiProblem(error);
  throw new ApiProblem({
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: typeof error === 'string' && error.length < 300 ? error : undefined,
  });
}

export function asProblem(error: unknown): ApiProblem | null {
  return error instanceof ApiProblem ? error : null;
}

/** Field errors from a validation problem, keyed by field name (nested fields keep their dotted path). */
export function fieldErrors(error: unknown): Record<string, string> {
  const problem = asProblem(error)?.problem;
  const result: Record<string, string> = {};
  for (const item of problem?.errors ?? []) {
    if (!result[item.field]) result[item.field] = item.message;
  }
  return result;
}
