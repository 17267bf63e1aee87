import { getMetadataStorage } from 'class-validator';

type Lookup = (target: Function, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => unknown[];
interface Storage {
  getTargetValidationMetadatas: Lookup;
  addValidationMetadata: (metadata: unknown) => void;
  addConstraintMetadata: (metadata: unknown) => void;
}

let installed = false;

/**
 * class-validator looks up a class's validation rules on every `validate` by filtering every rule of
 * every decorated class (an `instanceof` per class, for inherited rules): the most expensive step of
 * validating a small DTO, paid per request. The rules only change when a decorator registers one, so
 * the answer is kept per class and options until then (any registration forgets every answer).
 * Installed once, by createValidationPipe.
 */
export function cacheValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage() as unknown as Storage;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  let cache = new WeakMap<Function, Map<string, unknown[]>>();
  const forget = () => {
    cache = new WeakMap();
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}\u0000${groups ? groups.length : -1}`;
    let answers = cache.get(target);
    if (!answers) cache.set(target, (answers = new Map()));
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = lookup(target, schema, always, strictGroups, groups)));
    return answer;
  };
  const addValidation = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    addValidation(metadata);
  };
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
}
