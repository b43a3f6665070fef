/**
 * A minimal kustomize for the subset k8s/ uses, so overlays render offline with no binary (CI machines
 * have no kubectl): `resources` (files and directories), `components`, `namespace`, `patches` (strategic
 * merge or JSON 6902, from a file or inline, with an optional `target`) and `images`. Any other field of a
 * kustomization throws, so a manifest can't silently use what this renderer ignores. When kubectl is on
 * the machine, test/deploy/kustomize.spec.ts checks that `kubectl kustomize` renders the same objects.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: any;
}

interface Target {
  kind?: string;
  name?: string;
  group?: string;
  version?: string;
}
interface Patch {
  path?: string;
  patch?: string;
  target?: Target;
}
interface Image {
  name: string;
  newName?: string;
  newTag?: string;
}
interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  components?: string[];
  namespace?: string;
  patches?: Patch[];
  images?: Image[];
}

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'resources',
  'components',
  'namespace',
  'patches',
  'images',
]);

/** Kinds that have no namespace (the subset that can appear here). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
]);

/** Merge keys of the lists that strategic merge merges by key (elsewhere a list is replaced). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
};

function readKustomization(dir: string): Kustomization {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
    .map((f) => join(dir, f))
    .find((f) => existsSync(f));
  if (!file) throw new Error(`no kustomization in ${dir}`);
  const k = parse(readFileSync(file, 'utf8')) as Kustomization;
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key)) {
      throw new Error(`${file}: "${key}" is not supported by test/deploy/kustomize.ts`);
    }
  }
  return k;
}

function readObjects(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJSON() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === 'object');
}

export const idOf = (o: K8sObject): string =>
  `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

function matches(o: K8sObject, t: Target): boolean {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  return (
    (!t.kind || o.kind === t.kind) &&
    (!t.name || new RegExp(`^(?:${t.name})$`).test(o.metadata.name)) &&
    (t.group === undefined || group === t.group) &&
    (!t.version || version === t.version)
  );
}

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Strategic merge: maps merge, `null` deletes, known lists merge by key (`$patch: delete` drops an item). */
export function strategicMerge(base: any, patch: any, field = ''): any {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (!key || !Array.isArray(base)) return patch.map((p) => strip(p));
    // As kustomize orders them: the patch's items first (merged with their base item), then the others.
    const keys = new Set(patch.map((p) => (isObject(p) ? p[key] : undefined)));
    const out: any[] = [];
    for (const p of patch) {
      if (isObject(p) && p.$patch === 'delete') continue;
      const b = base.find((x) => isObject(x) && x[key] === p[key]);
      out.push(b === undefined ? strip(p) : strategicMerge(b, p, ''));
    }
    return [...out, ...base.filter((b) => !(isObject(b) && keys.has(b[key]))).map((b) => structuredClone(b))];
  }
  if (!isObject(patch) || !isObject(base)) return strip(patch);
  const out: Record<string, any> = structuredClone(base);
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch') continue;
    if (v === null) delete out[k];
    else out[k] = k in out ? strategicMerge(out[k], v, k) : strip(v);
  }
  return out;
}

function strip(x: any): any {
  if (Array.isArray(x)) return x.map(strip);
  if (!isObject(x)) return x;
  return Object.fromEntries(
    Object.entries(x)
      .filter(([k, v]) => k !== '$patch' && v !== null)
      .map(([k, v]) => [k, strip(v)]),
  );
}

const unescapePointer = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** JSON 6902: add, replace, remove (the operations k8s/ uses). */
export function jsonPatch(doc: any, ops: Array<{ op: string; path: string; value?: unknown }>): any {
  const out = structuredClone(doc);
  for (const { op, path, value } of ops) {
    const parts = path.split('/').slice(1).map(unescapePointer);
    const last = parts.pop()!;
    let parent = out;
    for (const p of parts) {
      if (parent[p] === undefined) {
        if (op !== 'add') throw new Error(`json patch: ${path} does not exist`);
        parent[p] = {};
      }
      parent = parent[p];
    }
    if (op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (op === 'add' || op === 'replace') {
      if (op === 'replace' && (parent[last === '-' ? -1 : last] === undefined || last === '-')) {
        throw new Error(`json patch: cannot replace missing ${path}`);
      }
      if (Array.isArray(parent)) {
        if (last === '-') parent.push(structuredClone(value));
        else if (op === 'add') parent.splice(Number(last), 0, structuredClone(value));
        else parent[Number(last)] = structuredClone(value);
      } else parent[last] = structuredClone(value);
    } else throw new Error(`json patch: op ${op} is not supported`);
  }
  return out;
}

function applyPatch(objects: K8sObject[], patch: Patch, dir: string): K8sObject[] {
  const text = patch.path ? readFileSync(join(dir, patch.path), 'utf8') : patch.patch!;
  const body = parse(text) as unknown;
  if (Array.isArray(body)) {
    if (!patch.target) throw new Error('a JSON 6902 patch needs a target');
    const hits = objects.filter((o) => matches(o, patch.target!));
    if (hits.length === 0) throw new Error(`patch target ${JSON.stringify(patch.target)} matched nothing`);
    return objects.map((o) => (matches(o, patch.target!) ? jsonPatch(o, body as any) : o));
  }
  const smp = body as K8sObject;
  const target: Target = patch.target ?? { kind: smp.kind, name: smp.metadata?.name };
  const hits = objects.filter((o) => matches(o, target));
  if (hits.length === 0) throw new Error(`patch target ${JSON.stringify(target)} matched nothing`);
  if (smp.$patch === 'delete') return objects.filter((o) => !matches(o, target));
  return objects.map((o) => {
    if (!matches(o, target)) return o;
    const { metadata, ...rest } = smp;
    // With an explicit target the patch's own name/kind don't rename the object.
    const meta = patch.target ? { ...metadata, name: undefined, namespace: undefined } : metadata;
    const merged = strategicMerge(o, {
      ...rest,
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata: meta ?? {},
    });
    merged.metadata.name = o.metadata.name;
    if (o.metadata.namespace) merged.metadata.namespace = o.metadata.namespace;
    return merged as K8sObject;
  });
}

function setImages(objects: K8sObject[], images: Image[]): K8sObject[] {
  const fix = (image: string): string => {
    const at = image.lastIndexOf(':');
    const name = at > image.lastIndexOf('/') ? image.slice(0, at) : image;
    const tag = at > image.lastIndexOf('/') ? image.slice(at + 1) : undefined;
    const rule = images.find((i) => i.name === name);
    if (!rule) return image;
    const newTag = rule.newTag ?? tag;
    return `${rule.newName ?? name}${newTag ? `:${newTag}` : ''}`;
  };
  const walk = (x: any): any => {
    if (Array.isArray(x)) return x.map(walk);
    if (!isObject(x)) return x;
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(x)) {
      out[k] =
        (k === 'containers' || k === 'initContainers') && Array.isArray(v)
          ? v.map((c) => (typeof c.image === 'string' ? { ...walk(c), image: fix(c.image) } : walk(c)))
          : walk(v);
    }
    return out;
  };
  return objects.map((o) => walk(o) as K8sObject);
}

function build(dir: string, inherited: K8sObject[] | undefined): K8sObject[] {
  const k = readKustomization(dir);
  const isComponent = k.kind === 'Component';
  if (isComponent && inherited === undefined) throw new Error(`${dir} is a Component: list it in components`);
  if (!isComponent && inherited !== undefined) throw new Error(`${dir} is not a Component`);
  let objects: K8sObject[] = inherited ? [...inherited] : [];
  for (const r of k.resources ?? []) {
    const p = resolve(dir, r);
    const added = statSync(p).isDirectory() ? build(p, undefined) : readObjects(p);
    for (const o of added) {
      if (objects.some((x) => idOf(x) === idOf(o))) throw new Error(`${dir}: duplicate ${idOf(o)}`);
      objects.push(o);
    }
  }
  for (const c of k.components ?? []) objects = build(resolve(dir, c), objects);
  // kustomize's order of its built-in transformers: patches, then namespace, then images.
  for (const p of k.patches ?? []) objects = applyPatch(objects, p, dir);
  if (k.namespace) {
    objects = objects.map((o) => {
      if (o.kind === 'Namespace') return { ...o, metadata: { ...o.metadata, name: k.namespace! } };
      if (CLUSTER_SCOPED.has(o.kind)) return o;
      return { ...o, metadata: { ...o.metadata, namespace: k.namespace } };
    });
  }
  if (k.images) objects = setImages(objects, k.images);
  return objects;
}

/** Renders the kustomization in `dir` (absolute, or relative to the repository root). */
export function kustomize(dir: string): K8sObject[] {
  const root = resolve(__dirname, '..', '..');
  return build(resolve(root, dir), undefined);
}
