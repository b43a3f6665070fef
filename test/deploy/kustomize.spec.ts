import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { idOf, jsonPatch, K8sObject, kustomize, strategicMerge } from './kustomize';

const ROOT = join(__dirname, '..', '..');
const DIRS = ['k8s/base', 'k8s/overlays/local', 'k8s/overlays/production', 'k8s/monitoring'];
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

const byId = (objects: K8sObject[]): Record<string, K8sObject> =>
  Object.fromEntries(objects.map((o) => [idOf(o), o]));

describe('test/deploy/kustomize.ts (the offline renderer of k8s/)', () => {
  it('merges like a strategic merge patch: maps deep, lists by key, null deletes, $patch: delete drops', () => {
    const base = {
      spec: {
        replicas: 2,
        containers: [
          {
            name: 'a',
            env: [
              { name: 'X', value: '1' },
              { name: 'Y', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
              { name: 'Z', value: 'z' },
            ],
          },
        ],
        args: ['one', 'two'],
      },
    };
    const patch = {
      spec: {
        containers: [
          {
            name: 'a',
            env: [
              { name: 'Y', value: 'plain', valueFrom: null },
              { name: 'Z', $patch: 'delete' },
              { name: 'W', value: 'w' },
            ],
          },
        ],
        args: ['three'],
      },
    };
    expect(strategicMerge(base, patch)).toEqual({
      spec: {
        replicas: 2,
        containers: [
          {
            name: 'a',
            env: [
              { name: 'Y', value: 'plain' },
              { name: 'W', value: 'w' },
              { name: 'X', value: '1' },
            ],
          },
        ],
        args: ['three'],
      },
    });
  });

  it('applies JSON 6902 add, replace and remove, and refuses to replace what is missing', () => {
    const doc = { spec: { roles: [{ name: 'a' }], replicas: 2, gone: true } };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/spec/roles/-', value: { name: 'b' } },
        { op: 'replace', path: '/spec/replicas', value: 1 },
        { op: 'remove', path: '/spec/gone' },
      ]),
    ).toEqual({ spec: { roles: [{ name: 'a' }, { name: 'b' }], replicas: 1 } });
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/spec/nothing', value: 1 }])).toThrow();
  });

  (hasKubectl ? it : it.skip).each(DIRS)('renders %s exactly as `kubectl kustomize` does', (dir) => {
    const theirs = parseAllDocuments(
      execFileSync('kubectl', ['kustomize', join(ROOT, dir)], { encoding: 'utf8' }),
    )
      .map((d) => d.toJSON() as K8sObject)
      .filter(Boolean);
    const ours = kustomize(dir);
    expect(Object.keys(byId(ours)).sort()).toEqual(Object.keys(byId(theirs)).sort());
    expect(byId(ours)).toEqual(byId(theirs));
  });
});
