import { join } from 'node:path';
import * as ts from 'typescript';
import { K8sObject, idOf } from './kustomize';

const ROOT = join(__dirname, '..', '..');

const CRD_PACKAGES: Record<string, string> = {
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io',
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/monitoring.coreos.com',
};

function moduleOf(o: K8sObject): string {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  const base = CRD_PACKAGES[group] ?? (group === '' ? 'kubernetes-models' : `kubernetes-models/${group}`);
  return `${base}/${version}/${o.kind}`;
}

/**
 * The schema validators accept fields they don't know (a misspelt `readinesProbe` would pass). The
 * TypeScript declarations of the same packages know every field: each object becomes an object literal
 * typed as its interface, and the compiler's excess-property check reports any unknown field at any depth
 * (and any type mismatch). Returns "<kind>/<namespace>/<name>: <message>" per problem.
 */
export function typeCheck(objects: K8sObject[]): string[] {
  const file = join(ROOT, 'test', 'deploy', '__rendered_k8s_objects__.ts');
  const imports = new Map<string, string>();
  const lines: string[] = [];
  objects.forEach((o, i) => {
    const mod = moduleOf(o);
    if (!imports.has(mod)) imports.set(mod, `T${imports.size}`);
    lines.push(`export const o${i}: ${imports.get(mod)} = ${JSON.stringify(o)};`);
  });
  const header = [...imports].map(([mod, alias]) => {
    const kind = mod.slice(mod.lastIndexOf('/') + 1);
    return `import type { I${kind} as ${alias} } from '${mod}';`;
  });
  const source = [...header, ...lines].join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    name === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file || !d.file)
    .map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      if (!d.file || d.start === undefined) return text;
      const line = d.file.getLineAndCharacterOfPosition(d.start).line - header.length;
      const at = source.slice(d.start, d.start + 60).split(/[:,]/)[0];
      return `${line >= 0 ? idOf(objects[line]) : 'imports'}: ${at}: ${text}`;
    });
}
