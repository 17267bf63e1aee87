/** Bounds every request is held to before any validation runs (see README "Security"). */
export interface InputLimits {
  /** Nesting depth of objects and arrays; the top-level body is depth 1. */
  maxDepth: number;
  maxKeysPerObject: number;
  maxArrayItems: number;
  /** In UTF-16 code units, as String.length counts them. */
  maxStringLength: number;
  maxKeyLength: number;
  /** Values (of any kind, containers included) in one body, query or path: bounds what transformation and validation walk. */
  maxValues: number;
}

export const INPUT_LIMITS: InputLimits = {
  maxDepth: 32,
  maxKeysPerObject: 200,
  maxArrayItems: 1000,
  maxStringLength: 100_000,
  maxKeyLength: 200,
  maxValues: 2_000,
};

/** Validation answers list at most this many field errors (the rest is summed up in `detail`). */
export const MAX_REPORTED_ERRORS = 10;
