import { findInputViolation } from './find-input-violation';
import { INPUT_LIMITS } from './input-limits';

const limits = { ...INPUT_LIMITS, maxDepth: 4, maxKeysPerObject: 3, maxArrayItems: 3, maxStringLength: 5, maxKeyLength: 4, maxValues: 12 };

describe('findInputViolation', () => {
  it('accepts input within every limit', () => {
    expect(findInputViolation({ a: [1, 'abcde', { b: null }], c: true }, limits)).toBeNull();
    expect(findInputViolation(undefined, limits)).toBeNull();
  });

  it('names the first field beyond a limit', () => {
    expect(findInputViolation({ a: { b: { c: { d: {} } } } }, limits)).toEqual({ field: 'a.b.c.d', message: 'is nested deeper than 4 levels' });
    expect(findInputViolation({ a: 1, b: 2, c: 3, d: 4 }, limits)).toEqual({ field: '(body)', message: 'must have at most 3 fields' });
    expect(findInputViolation({ list: [1, 2, 3, 4] }, limits)).toEqual({ field: 'list', message: 'must have at most 3 items' });
    expect(findInputViolation({ list: ['ok', 'toolong'] }, limits)).toEqual({ field: 'list.1', message: 'must be at most 5 characters' });
    expect(findInputViolation({ name: 'a\u0000' }, limits)).toEqual({ field: 'name', message: 'must not contain NUL characters' });
    expect(findInputViolation({ toolongkey: 1 }, limits)).toEqual({ field: '(body)', message: 'has a field name that must be at most 4 characters' });
    expect(findInputViolation({ id: 'x\u0000' }, limits, 'path')).toEqual({ field: 'path.id', message: 'must not contain NUL characters' });
    expect(findInputViolation({ a: [1, 2, 3], b: [1, 2, 3], c: [[1, 2], [3]] }, limits)).toEqual({ field: '(body)', message: 'must hold at most 12 values' });
  });

  it('walks 100,000 levels without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputViolation(deep, INPUT_LIMITS)?.message).toBe('is nested deeper than 32 levels');
  });
});
