import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { K8sObject } from './kustomize';

export interface SchemaResult {
  id: string;
  error: string | null;
}

/**
 * Run by `node` as an ES module (the kubernetes-models packages are ES modules only; Jest runs CommonJS):
 * reads a JSON array of objects on stdin, validates each with the model of its apiVersion/kind — core types
 * (kubernetes-models), Strimzi (@kubernetes-models/strimzi-kafka-operator), CloudNativePG
 * (@kubernetes-models/cloudnative-pg), Prometheus Operator (@kubernetes-models/prometheus-operator) — and
 * prints one JSON line per object. An unknown apiVersion/kind is an error: nothing goes unvalidated.
 */
const VALIDATOR = `
import { readFileSync } from 'node:fs';
const GROUPS = {
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io',
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/monitoring.coreos.com',
};
const objects = JSON.parse(readFileSync(0, 'utf8'));
const lines = [];
for (const o of objects) {
  const id = o.apiVersion + '/' + o.kind + '/' + (o.metadata && o.metadata.name);
  let error = null;
  try {
    const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
    const base = GROUPS[group] ?? (group === '' ? 'kubernetes-models' : 'kubernetes-models/' + group);
    const Model = (await import(base + '/' + version + '/' + o.kind))[o.kind];
    if (!Model) throw new Error('no schema for ' + o.apiVersion + ' ' + o.kind);
    new Model(o).validate();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  lines.push(JSON.stringify({ id, error }));
}
process.stdout.write(lines.join('\\n') + '\\n');
`;

/** Validates every object against its Kubernetes or CRD schema (one `node` process for the whole list). */
export function validateSchemas(objects: K8sObject[]): SchemaResult[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', VALIDATOR], {
    cwd: join(__dirname, '..', '..'),
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SchemaResult);
}
