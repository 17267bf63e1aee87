import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { MAX_REPORTED_ERRORS } from './input-bounds/input-limits';
import { FieldError, Problems } from './problem';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** Depth-first, stopping once `limit` errors are collected (the walk of unknown fields is not repeated per error). */
function flatten(errors: ValidationError[], limit: number, parent = '', into: FieldError[] = []): FieldError[] {
  for (const error of errors) {
    if (into.length >= limit) break;
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) if (into.length < limit) into.push({ field, message });
    flatten(error.children ?? [], limit, field, into);
  }
  return into;
}

function countErrors(errors: ValidationError[]): number {
  let count = 0;
  const stack = [...errors];
  while (stack.length) {
    const error = stack.pop()!;
    count += Object.keys(error.constraints ?? {}).length;
    stack.push(...(error.children ?? []));
  }
  return count;
}

/** A bounded answer: at most MAX_REPORTED_ERRORS field errors, and how many more there were. */
export function validationProblem(errors: ValidationError[]) {
  const listed = flatten(errors, MAX_REPORTED_ERRORS);
  const more = countErrors(errors) - listed.length;
  return Problems.validation(listed, more > 0 ? `The request is not valid (${more} more errors left out).` : undefined);
}

/** Whitelisting validation: unknown fields are refused, values are converted to their declared types. */
/** A request without a body is validated as an empty object, so optional-only bodies may be omitted. */
class BodyValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata) {
    return super.transform(metadata.type === 'body' && (value === undefined || value === null) ? {} : value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: true,
    exceptionFactory: validationProblem,
  });
}

/** Body of a POST that takes no fields: declaring it makes unknown fields a 400 like everywhere else. */
export class EmptyBodyDto {}
