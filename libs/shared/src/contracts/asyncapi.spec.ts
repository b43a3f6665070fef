import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  AsyncApiDocument,
  buildAsyncApi,
  contractShapes,
  JsonSchema,
  nextVersion,
  shapeProblems,
  ShapeLock,
  TOPIC_CONSUMERS,
  updateLock,
} from './asyncapi';
import { validateContract } from './registry';
import { Topic, TOPICS } from './topics';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DOC_FILE = join(ROOT, 'docs', 'asyncapi.json');
const LOCK_FILE = join(__dirname, 'contract-shapes.lock.json');
const REGENERATE = 'npm run asyncapi (new topics: npm run asyncapi -- --update-lock)';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A valid payload of intake.application.submitted.v1 (as in contracts.spec.ts). */
const submitted = () => ({
  caseNo: '33010020261124000001',
  itemCode: 'X',
  itemName: '事项',
  deptCode: '113301000024901620',
  deptName: '部门',
  applicant: {
    userProp: '1',
    name: '李四',
    certType: '111',
    certMasked: '110105********002X',
    certHash: 'a'.repeat(64),
  },
  submitChannel: '1',
  projectType: '2',
  submittedAt: '2026-11-24T08:00:00.000Z',
});

describe('AsyncAPI document of the event contracts', () => {
  const doc = buildAsyncApi();

  it(`equals the committed docs/asyncapi.json (else run ${REGENERATE})`, () => {
    const committed = readFileSync(DOC_FILE, 'utf8');
    expect(`${JSON.stringify(doc, null, 2)}\n` === committed).toBe(true);
  });

  it('has one channel per topic and one per dead-letter twin, with producer, key and headers', () => {
    const topics = Object.values(TOPICS);
    expect(Object.keys(doc.channels)).toHaveLength(topics.length * 2);
    for (const topic of topics) {
      const ch = doc.channels[topic];
      expect(ch).toMatchObject({ address: topic, 'x-producer': topic.split('.')[0] });
      expect(doc.channels[`${topic}.dlq`]).toMatchObject({ 'x-dead-letters-of': topic });
      const [ref] = Object.values(ch.messages);
      const msg = doc.components.messages[ref.$ref.split('/').pop()!];
      expect(msg.headers.$ref).toBe('#/components/schemas/CloudEventHeaders');
      expect(msg.bindings.kafka.key['x-payload-field']).toBe(ch['x-key-field']);
      expect(doc.operations[`${topic}.send`]).toMatchObject({ action: 'send' });
    }
    const headers = doc.components.schemas.CloudEventHeaders as { required: string[] };
    expect(headers.required).toEqual([
      'ce_specversion',
      'ce_id',
      'ce_source',
      'ce_type',
      'ce_time',
      'ce_subject',
      'ce_dataschema',
      'content-type',
      'traceparent',
      'x-correlation-id',
    ]);
    expect(JSON.stringify(doc.components.schemas.DeadLetterHeaders)).toContain('x-dlq-original-offset');
  });

  it('is a valid AsyncAPI 3.0.0 document (the official JSON Schema of @asyncapi/specs)', () => {
    const spec = JSON.parse(
      readFileSync(require.resolve('@asyncapi/specs/schemas/3.0.0.json'), 'utf8'),
    ) as JsonSchema;
    // The bundle embeds the draft-07 meta-schema, which Ajv already knows under the same id.
    delete (spec.definitions as Record<string, unknown>)['http://json-schema.org/draft-07/schema'];
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(spec);
    expect(validate(doc) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    // and it does refuse a broken document
    const broken = clone(doc) as JsonSchema;
    (broken.channels as Record<string, unknown>)['intake.application.submitted.v1'] = { address: 5 };
    expect(validate(broken)).toBe(false);
  }, 60_000);

  it('documents payload schemas that agree with the contract classes', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('date-time', true).addFormat('uuid', true);
    ajv.addSchema({ components: { schemas: doc.components.schemas } }, 'asyncapi');
    const check = ajv.getSchema('asyncapi#/components/schemas/ApplicationSubmittedV1')!;
    const ok = submitted();
    expect(validateContract(TOPICS.APPLICATION_SUBMITTED, clone(ok), 'producer')).toBeDefined();
    expect(check(ok)).toBe(true);
    const refused: Array<[string, Record<string, unknown>]> = [
      ['an undeclared field', { ...ok, extra: 1 }],
      ['a missing required field', { ...ok, caseNo: undefined }],
      ['a code outside the list', { ...ok, projectType: '9' }],
      ['a personal ID in clear', { ...ok, applicant: { ...ok.applicant, certMasked: '11010519491231002X' } }],
      ['a line break in a single-line text', { ...ok, itemName: 'a\nb' }],
    ];
    for (const [what, payload] of refused) {
      const plain = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
      expect([what, check(plain)]).toEqual([what, false]);
      expect(() => validateContract(TOPICS.APPLICATION_SUBMITTED, clone(plain), 'producer')).toThrow();
    }
    // An organisation's 统一社会信用代码 travels in clear, per the contract and the schema alike.
    const org = {
      ...ok,
      applicant: { ...ok.applicant, userProp: '2', certType: '001', certMasked: '91330100MA2xxxxx0X' },
    };
    expect(check(org)).toBe(true);
    // Every payload schema compiles.
    for (const name of Object.keys(doc.components.schemas)) {
      expect(ajv.getSchema(`asyncapi#/components/schemas/${name}`)).toBeDefined();
    }
  });

  it('lists the consumers the services actually declare (@EventPattern(TOPICS.…))', () => {
    const byKey = new Map(Object.entries(TOPICS));
    const found: Record<string, Set<string>> = {};
    const walk = (dir: string, service: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p, service);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/@EventPattern\(\s*TOPICS\.([A-Z_]+)\s*\)/g)) {
            const topic = byKey.get(m[1])!;
            (found[topic] ??= new Set()).add(service);
          }
          // the gateway's partner webhooks: every published domain topic
          if (/@EventPattern\(\s*\[\.\.\.WEBHOOK_TOPICS\]\s*\)/.test(text)) {
            for (const t of Object.values(TOPICS).filter((x) => !x.startsWith('gateway.'))) {
              (found[t] ??= new Set()).add(service);
            }
          }
        }
      }
    };
    for (const app of readdirSync(join(ROOT, 'apps'))) walk(join(ROOT, 'apps', app, 'src'), app);
    const declared = Object.fromEntries(Object.entries(found).map(([t, s]) => [t, [...s].sort()]));
    expect(
      Object.fromEntries(Object.entries(TOPIC_CONSUMERS).map(([t, s]) => [t, [...(s ?? [])].sort()])),
    ).toEqual(declared);
  });
});

describe('contract versioning rule (contract-shapes.lock.json)', () => {
  const doc = buildAsyncApi();
  const lock = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as ShapeLock;

  it('no contract changed shape without a new topic version, and every topic is recorded', () => {
    expect(shapeProblems(lock, contractShapes(doc))).toEqual([]);
  });

  /** The document with one payload schema edited. */
  const edited = (
    name: string,
    edit: (s: { properties: Record<string, JsonSchema>; required: string[] }) => void,
  ) => {
    const d: AsyncApiDocument = clone(doc);
    edit(d.components.schemas[name] as { properties: Record<string, JsonSchema>; required: string[] });
    return contractShapes(d);
  };
  const topic: Topic = TOPICS.REVIEW_SUBMITTED;
  const breaking = (shapes: ShapeLock) =>
    shapeProblems(lock, shapes).filter((p) => p.startsWith('contract '));

  it.each([
    [
      'retyping a required field',
      (s: { properties: Record<string, JsonSchema> }) => (s.properties.satisfaction = { type: 'string' }),
    ],
    [
      'renaming a required field',
      (s: { properties: Record<string, JsonSchema>; required: string[] }) => {
        s.properties.grade = s.properties.satisfaction;
        delete s.properties.satisfaction;
        s.required = s.required.map((r) => (r === 'satisfaction' ? 'grade' : r));
      },
    ],
    [
      'removing a required field',
      (s: { properties: Record<string, JsonSchema>; required: string[] }) => {
        delete s.properties.pf;
        s.required = s.required.filter((r) => r !== 'pf');
      },
    ],
    [
      'changing a code list',
      (s: { properties: Record<string, JsonSchema> }) =>
        (s.properties.pf = { type: 'string', enum: ['1', '2'] }),
    ],
    [
      'adding a required field',
      (s: { properties: Record<string, JsonSchema>; required: string[] }) => {
        s.properties.channel = { type: 'string' };
        s.required.push('channel');
      },
    ],
  ])('refuses %s without a new version', (_what, edit) => {
    expect(breaking(edited('ReviewSubmittedV1', edit))).toEqual([
      expect.stringContaining(`contract ${topic} changed shape without a new version`),
    ]);
    expect(breaking(edited('ReviewSubmittedV1', edit))[0]).toContain(`add ${nextVersion(topic)}`);
    expect(() => updateLock(lock, edited('ReviewSubmittedV1', edit))).toThrow(/changed shape/);
  });

  it('refuses a nested required change (applicant) and retyping an optional field', () => {
    expect(
      breaking(edited('EventApplicant', (s) => (s.properties.certType = { type: 'string', enum: ['111'] }))),
    ).toContainEqual(expect.stringContaining(`contract ${TOPICS.APPLICATION_SUBMITTED} changed shape`));
    expect(
      breaking(edited('CaseCompletedV1', (s) => (s.properties.licenceId = { type: ['integer', 'null'] }))),
    ).toEqual([expect.stringContaining('the type or codes of optional field licenceId')]);
    expect(
      breaking(
        edited('CaseCompletedV1', (s) => {
          s.required.push('licenceId');
        }),
      ),
    ).toEqual([expect.stringContaining(`contract ${TOPICS.CASE_COMPLETED} changed shape`)]);
  });

  it('accepts an added optional field or tighter lengths within the version, once recorded', () => {
    const shapes = edited('ReviewSubmittedV1', (s) => {
      s.properties.comment = { type: ['string', 'null'], maxLength: 500 };
      s.properties.caseNo = { type: 'string', maxLength: 10 };
    });
    expect(breaking(shapes)).toEqual([]);
    expect(shapeProblems(lock, shapes)).toEqual([expect.stringContaining('optional fields not in')]);
    const updated = updateLock(lock, shapes);
    expect(updated[topic].optional.comment).toMatch(/^sha256:/);
    expect(updated[topic].shape).toBe(lock[topic].shape);
    expect(shapeProblems(updated, shapes)).toEqual([]);
  });

  it('asks for a new topic to be recorded, and records it with --update-lock', () => {
    const { [topic]: _removed, ...without } = lock;
    const shapes = contractShapes(doc);
    expect(shapeProblems(without, shapes)).toEqual([
      `${topic} is not in contract-shapes.lock.json: run npm run asyncapi -- --update-lock`,
    ]);
    expect(updateLock(without, shapes)[topic]).toEqual(lock[topic]);
  });
});
