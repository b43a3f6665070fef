import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Storage = ReturnType<typeof getMetadataStorage> & { [CACHED]?: true };
type TargetLookup = Storage['getTargetValidationMetadatas'];
/** A class, as class-validator keys its rules. */
type Target = Parameters<TargetLookup>[0];

const CACHED = Symbol('validation-metadata-cached');

/**
 * class-validator looks a class's rules up on every `validate` call: it scans the rules of every class the
 * process defined (for inherited ones) and groups them by property again — per object, nested ones too, on
 * every request body and every event. Rules are registered by decorators when a class is defined, so the
 * answer for a class and options never changes once defined: this caches it per (class, schema, options),
 * and drops the whole cache whenever a rule is added (a class defined later). Idempotent.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as Storage;
  if (storage[CACHED]) return;
  storage[CACHED] = true;
  const lookup: TargetLookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let byTarget = new Map<Target, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  storage.addValidationMetadata = (metadata: ValidationMetadata) => {
    byTarget = new Map<Target, Map<string, ValidationMetadata[]>>();
    grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
    add(metadata);
  };
  const cached: TargetLookup = (target, targetSchema, always, strictGroups, groups) => {
    const key = `${targetSchema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map<string, ValidationMetadata[]>()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = lookup(target, targetSchema, always, strictGroups, groups)));
    return found;
  };
  storage.getTargetValidationMetadatas = cached;
  storage.groupByPropertyName = (metadata: ValidationMetadata[]) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
}
