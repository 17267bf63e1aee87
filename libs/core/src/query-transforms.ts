/**
 * class-transformer `@Transform` functions for query strings: a list given comma-separated or as repeated
 * parameters (`?status=a,b` or `?status=a&status=b`), and a boolean given as `true`/`false`. Anything else
 * is passed on unchanged for the validators to refuse.
 */
export const queryList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : String(value).split(',')).filter((v) => v !== '');

export const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;
