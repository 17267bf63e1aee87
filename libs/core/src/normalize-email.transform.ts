import { Transform } from 'class-transformer';
import { normalizeEmail } from './email-address';

/** DTO field decorator: the address reaches validation and the service already in its canonical form. */
export function NormalizeEmail(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeEmail(value) : value));
}
