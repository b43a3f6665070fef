/**
 * `npm run asyncapi`: writes docs/asyncapi.json from the event contracts (libs/shared/src/contracts).
 * `npm run asyncapi -- --update-lock`: also records new topics and new optional fields in
 * libs/shared/src/contracts/contract-shapes.lock.json; it refuses to change the recorded shape of an
 * existing topic version (that needs a new topic `.v<N+1>`).
 * `npm run asyncapi -- --check`: writes nothing, exits 1 when the document or the lock is out of date.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildAsyncApi,
  contractShapes,
  shapeProblems,
  ShapeLock,
  updateLock,
} from '../libs/shared/src/contracts/asyncapi';

const ROOT = join(__dirname, '..');
export const ASYNCAPI_FILE = join(ROOT, 'docs', 'asyncapi.json');
export const LOCK_FILE = join(ROOT, 'libs', 'shared', 'src', 'contracts', 'contract-shapes.lock.json');

const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

function main(): void {
  const args = process.argv.slice(2);
  const doc = buildAsyncApi();
  const text = pretty(doc);
  const lock = existsSync(LOCK_FILE) ? (JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as ShapeLock) : {};
  const shapes = contractShapes(doc);
  if (args.includes('--check')) {
    const problems = shapeProblems(lock, shapes);
    if (!existsSync(ASYNCAPI_FILE) || readFileSync(ASYNCAPI_FILE, 'utf8') !== text) {
      problems.push('docs/asyncapi.json is out of date: run npm run asyncapi');
    }
    for (const p of problems) console.error(`[asyncapi] ${p}`);
    process.exit(problems.length > 0 ? 1 : 0);
  }
  if (args.includes('--update-lock')) {
    writeFileSync(LOCK_FILE, pretty(updateLock(lock, shapes)));
    console.log(`[asyncapi] ${LOCK_FILE}: ${Object.keys(shapes).length} topics recorded`);
  }
  writeFileSync(ASYNCAPI_FILE, text);
  console.log(
    `[asyncapi] ${ASYNCAPI_FILE}: ${Object.keys(doc.channels).length} channels, ` +
      `${Object.keys(doc.components.messages).length} messages`,
  );
  const problems = shapeProblems(lock, shapes);
  if (!args.includes('--update-lock') && problems.length > 0) {
    for (const p of problems) console.error(`[asyncapi] ${p}`);
    process.exit(1);
  }
}

try {
  main();
} catch (e) {
  console.error('[asyncapi]', e instanceof Error ? e.message : e);
  process.exit(1);
}
