import { ValidateBy, ValidationOptions } from 'class-validator';

export interface StringMapBounds {
  maxEntries: number;
  maxKeyLength: number;
  maxValueLength: number;
}

/** A plain object of string values, bounded in entries, key length and value length. */
export function IsStringMap(bounds: StringMapBounds, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (value: unknown) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length <= bounds.maxEntries &&
            entries.every(([key, item]) => key.length <= bounds.maxKeyLength && typeof item === 'string' && item.length <= bounds.maxValueLength)
          );
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must map at most ${bounds.maxEntries} names (up to ${bounds.maxKeyLength} characters) to strings of at most ${bounds.maxValueLength} characters`,
      },
    },
    options,
  );
}
