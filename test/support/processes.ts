import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../libs/shared/src/testing/wait-for';

export const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  logFile: string;
}

/** Compiles the apps to dist/ when they are not built yet (scripts/test.sh builds before e2e). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist/apps/gateway/src/main.js'))) return;
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/** Starts one app as its own OS process, exactly as production does (node + compiled JS). */
export function startService(
  name: string,
  port: number,
  env: Record<string, string>,
  logDir: string,
): ServiceProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    ['-r', 'tsconfig-paths/register', join(ROOT, `dist/apps/${name}/src/main.js`)],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.dist.json'),
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', fd, fd],
    },
  );
  return { name, url: `http://127.0.0.1:${port}`, child, logFile };
}

export async function waitReady(svc: ServiceProcess, timeoutMs = 120_000): Promise<void> {
  await waitFor(
    async () => {
      if (svc.child.exitCode !== null) {
        throw new Error(`${svc.name} exited with ${svc.child.exitCode}; see ${svc.logFile}`);
      }
      const res = await fetch(`${svc.url}/health/ready`).catch(() => undefined);
      return res?.status === 200;
    },
    { timeoutMs, intervalMs: 250, description: `${svc.name} to be ready` },
  );
}

/** Whether the process has ended (by itself, or by a signal: Nest re-raises SIGTERM after a graceful close). */
export function hasExited(svc: ServiceProcess): boolean {
  return svc.child.exitCode !== null || svc.child.signalCode !== null;
}

export async function stopService(svc: ServiceProcess): Promise<void> {
  if (hasExited(svc)) return;
  const exited = new Promise<void>((resolve) => svc.child.once('exit', () => resolve()));
  svc.child.kill('SIGTERM');
  const timer = setTimeout(() => svc.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
