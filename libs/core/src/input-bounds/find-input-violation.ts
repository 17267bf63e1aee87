import type { FieldError } from '../problem';
import type { InputLimits } from './input-limits';

interface Node {
  value: unknown;
  depth: number;
  key: string;
  parent: Node | null;
}

function pathOf(node: Node, root: string): string {
  const keys: string[] = [];
  for (let at: Node | null = node; at?.parent; at = at.parent) keys.push(at.key);
  return [root, ...keys.reverse()].filter(Boolean).join('.');
}

function stringProblem(text: string, limit: number): string | null {
  if (text.length > limit) return `must be at most ${limit} characters`;
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  return null;
}

/**
 * One iterative walk over parsed input (body, query or path parameters): the first value beyond the
 * limits, or null. Linear in the size of the input and never recursive, so a 10,000-deep body cannot
 * overflow the stack and a 45,000-key object is refused before validation builds one error per key.
 */
export function findInputViolation(input: unknown, limits: InputLimits, root = ''): FieldError | null {
  const stack: Node[] = [{ value: input, depth: 1, key: '', parent: null }];
  let values = 0;
  while (stack.length) {
    const node = stack.pop()!;
    if (++values > limits.maxValues) return { field: root || '(body)', message: `must hold at most ${limits.maxValues} values` };
    const { value } = node;
    const fail = (message: string): FieldError => ({ field: pathOf(node, root) || root || '(body)', message });
    if (typeof value === 'string') {
      const problem = stringProblem(value, limits.maxStringLength);
      if (problem) return fail(problem);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (node.depth > limits.maxDepth) return fail(`is nested deeper than ${limits.maxDepth} levels`);
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayItems) return fail(`must have at most ${limits.maxArrayItems} items`);
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: node.depth + 1, key: String(i), parent: node });
      continue;
    }
    let count = 0;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (++count > limits.maxKeysPerObject) return fail(`must have at most ${limits.maxKeysPerObject} fields`);
      const keyProblem = stringProblem(key, limits.maxKeyLength);
      if (keyProblem) return fail(`has a field name that ${keyProblem}`);
      stack.push({ value: (value as Record<string, unknown>)[key], depth: node.depth + 1, key, parent: node });
    }
  }
  return null;
}
