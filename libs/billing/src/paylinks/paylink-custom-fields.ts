import { HttpStatus } from '@nestjs/common';
import { type FieldError, ProblemException } from '@app/core';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'select', 'checkbox', 'date', 'email'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** One field a buyer fills in on the pay page, as a pay link stores it. */
export interface CustomField {
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  options?: string[];
}

export type CustomFieldValue = string | number | boolean;

const MAX_TEXT = 1000;
const EMAIL = /^[^\s@]{1,64}@[^\s@.]{1,63}(?:\.[^\s@.]{1,63})+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a field definition set beyond its DTO: keys unique, options with (and only with) select. */
export function customFieldDefinitionErrors(fields: CustomField[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.key)) errors.push({ field: `customFields.${i}.key`, message: `key "${field.key}" is used twice` });
    seen.add(field.key);
    if (field.type === 'select' && !field.options?.length) errors.push({ field: `customFields.${i}.options`, message: 'a select field needs options' });
    if (field.type !== 'select' && field.options !== undefined) errors.push({ field: `customFields.${i}.options`, message: 'options go only with a select field' });
    if (field.options && new Set(field.options).size !== field.options.length) errors.push({ field: `customFields.${i}.options`, message: 'options must be distinct' });
  });
  return errors;
}

function valueError(field: CustomField, value: unknown): string | null {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT ? null : `must be text of at most ${MAX_TEXT} characters`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'select':
      return typeof value === 'string' && field.options!.includes(value) ? null : `must be one of: ${field.options!.join(', ')}`;
    case 'checkbox':
      if (typeof value !== 'boolean') return 'must be true or false';
      return field.required && !value ? 'must be checked' : null;
    case 'date': {
      if (typeof value !== 'string' || !DATE.test(value)) return 'must be a date (YYYY-MM-DD)';
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? null : 'must be a real date';
    }
    case 'email':
      return typeof value === 'string' && value.length <= 254 && EMAIL.test(value) ? null : 'must be an email address';
  }
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The buyer's answers checked against the link's fields: required ones present, each of its type, no
 * unknown keys. Returns the answers to keep (blank optional ones dropped) or throws a 422
 * `paylink-custom-fields-invalid` naming each field.
 */
export function validatedAnswers(fields: CustomField[], answers: Record<string, unknown>): Record<string, CustomFieldValue> {
  const errors: FieldError[] = [];
  const kept: Record<string, CustomFieldValue> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) errors.push({ field: `customFields.${key}`, message: 'is not a field of this pay link' });
  for (const field of fields) {
    const value = answers[field.key];
    if (isBlank(value)) {
      if (field.required) errors.push({ field: `customFields.${field.key}`, message: `${field.label} is required` });
      continue;
    }
    const error = valueError(field, value);
    if (error) errors.push({ field: `customFields.${field.key}`, message: `${field.label} ${error}` });
    else kept[field.key] = typeof value === 'string' ? value.trim() : (value as CustomFieldValue);
  }
  if (errors.length) {
    throw new ProblemException('paylink-custom-fields-invalid', HttpStatus.UNPROCESSABLE_ENTITY, 'Unprocessable request', 'Some fields of the form are missing or not valid.', errors);
  }
  return kept;
}
