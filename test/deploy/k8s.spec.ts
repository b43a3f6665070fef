import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendarSpec } from '../../libs/shared/src/calendar/calendar-spec';
import { K8sObject, kustomize } from './kustomize';
import { validateSchemas } from './schemas';

const ROOT = join(__dirname, '..', '..');
/** One directory per app under k8s/base/apps (test/deploy/overlays.spec.ts checks it matches apps/). */
const APPS = readdirSync(join(ROOT, 'k8s/base/apps'));

/** The apps whose code loads the working-day calendar (`workCalendarProvider()` in one of their modules). */
function appsCountingDeadlines(): string[] {
  const uses = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory()
        ? uses(join(dir, e.name))
        : e.name.endsWith('.module.ts') &&
          readFileSync(join(dir, e.name), 'utf8').includes('workCalendarProvider()'),
    );
  return APPS.filter((app) => uses(join(ROOT, 'apps', app, 'src')));
}

/** Rendered offline by test/deploy/kustomize.ts (no kubectl needed; equal to `kubectl kustomize`). */
const render = (dir: string): K8sObject[] => kustomize(dir);

/** kubernetes-models validates the schema of each object (it does not catch unknown fields). */
function validateObject(o: K8sObject): void {
  const [r] = validateSchemas([o]);
  if (r.error) throw new Error(r.error);
}

/** Unknown field names anywhere under a container: kubernetes-models would let a typo through. */
const CONTAINER_FIELDS = new Set([
  'name',
  'image',
  'imagePullPolicy',
  'ports',
  'envFrom',
  'env',
  'livenessProbe',
  'readinessProbe',
  'resources',
  'securityContext',
  'volumeMounts',
]);

describe('k8s/base (rendered and validated offline)', () => {
  const objects = render('k8s/base');

  it('renders a Namespace, ConfigMap, Secret and a Deployment + Service per app, all schema-valid', () => {
    const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    for (const app of APPS) {
      expect(kinds).toEqual(expect.arrayContaining([`Deployment/${app}`, `Service/${app}`]));
    }
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Namespace/gov-platform',
        'ConfigMap/gov-platform-config',
        'Secret/gov-platform-secrets',
        'ConfigMap/gov-platform-work-calendar',
      ]),
    );
    expect(validateSchemas(objects).filter((r) => r.error !== null)).toEqual([]);
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) {
      expect(o.metadata.namespace).toBe('gov-platform');
    }
  });

  it('gives every Deployment probes, resources, config from the ConfigMap/Secret and a matching Service', () => {
    for (const d of objects.filter((o) => o.kind === 'Deployment')) {
      const c = d.spec.template.spec.containers[0];
      for (const k of Object.keys(c)) expect(CONTAINER_FIELDS.has(k)).toBe(true);
      expect(c.livenessProbe.httpGet.path).toBe('/health/live');
      expect(c.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(c.resources.requests).toBeDefined();
      expect(c.resources.limits.memory).toMatch(/Mi$/);
      expect(c.envFrom[0].configMapRef.name).toBe('gov-platform-config');
      expect(
        c.env.some(
          (e: any) =>
            e.valueFrom?.secretKeyRef?.name === 'gov-platform-secrets' && e.name === 'JWT_PUBLIC_KEY',
        ),
      ).toBe(true);
      expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      const port = c.ports[0].containerPort;
      const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === d.metadata.name)!;
      expect(svc.spec.ports[0].port).toBe(port);
      expect(svc.spec.selector).toEqual(d.spec.selector.matchLabels);
    }
  });

  it('mounts a valid working-day calendar file into the services that count deadlines', () => {
    const cm = objects.find((o) => o.metadata.name === 'gov-platform-work-calendar') as unknown as {
      data: Record<string, string>;
    };
    expect(() => parseCalendarSpec(cm.data['work-calendar.json'])).not.toThrow();
    const apps = appsCountingDeadlines();
    expect(apps.sort()).toEqual(['approval', 'evaluation', 'intake', 'supervision']);
    const pods = objects
      .filter(
        (o) =>
          (o.kind === 'Deployment' || o.kind === 'Job') &&
          apps.includes(o.metadata.name.replace(/-migrate$/, '')),
      )
      .map((o) => o.spec.template.spec);
    expect(pods).toHaveLength(apps.length * 2); // each app's Deployment and its migration Job
    for (const pod of pods) {
      const c = pod.containers[0];
      const file = c.env.find((e: any) => e.name === 'WORK_CALENDAR_FILE').value as string;
      const mount = c.volumeMounts.find((m: any) => file.startsWith(`${m.mountPath}/`));
      const volume = pod.volumes.find((v: any) => v.name === mount.name);
      expect(volume.configMap.name).toBe('gov-platform-work-calendar');
      expect(file.slice(mount.mountPath.length + 1)).toBe('work-calendar.json');
    }
  });

  it('rejects an invalid object (the validation can fail)', () => {
    const d = structuredClone(objects.find((o) => o.kind === 'Deployment')!);
    d.spec.replicas = 'two';
    expect(() => validateObject(d)).toThrow();
    const noContainers = structuredClone(objects.find((o) => o.kind === 'Deployment')!);
    delete noContainers.spec.template.spec.containers;
    expect(() => validateObject(noContainers)).toThrow();
  });

  it('renders the local overlay with one replica per app', () => {
    const local = render('k8s/overlays/local').filter((o) => o.kind === 'Deployment');
    expect(local).toHaveLength(APPS.length);
    for (const d of local) expect(d.spec.replicas).toBe(1);
  });
});
