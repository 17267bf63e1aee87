import { IsStringMap, type StringMapBounds } from '@app/core';

/** The most a caller may pass as template variables (preview): a few short strings, checked before any rendering. */
export const TEMPLATE_VARIABLE_LIMITS: StringMapBounds = { maxEntries: 20, maxKeyLength: 60, maxValueLength: 2_000 };

export const IsTemplateVariables = (): PropertyDecorator => IsStringMap(TEMPLATE_VARIABLE_LIMITS);
