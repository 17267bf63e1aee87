import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The most a caller may pass as template variables (preview): a few short strings. */
export const TEMPLATE_VARIABLE_LIMITS = { entries: 20, nameLength: 60, valueLength: 2_000 };

/** An object of at most `entries` string values, each at most `valueLength` long (checked before any rendering). */
export function IsTemplateVariables(options?: ValidationOptions): PropertyDecorator {
  const { entries, nameLength, valueLength } = TEMPLATE_VARIABLE_LIMITS;
  return ValidateBy(
    {
      name: 'isTemplateVariables',
      validator: {
        validate: (value: unknown) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const pairs = Object.entries(value);
          return pairs.length <= entries && pairs.every(([name, text]) => name.length <= nameLength && typeof text === 'string' && text.length <= valueLength);
        },
        defaultMessage: () => `variables must be an object of at most ${entries} strings of at most ${valueLength} characters each`,
      },
    },
    options,
  );
}
