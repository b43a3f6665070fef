import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DomainError } from '@app/shared/errors';

/** One static file of the dashboard, read once at boot. */
export interface DashboardAsset {
  body: Buffer;
  /** The body gzip-compressed (served when the client accepts gzip). */
  gzip: Buffer;
  contentType: string;
  /** Strong validator: a hash of the body. */
  etag: string;
  cacheControl: string;
}

/** Asset names under /dashboard/… (the page itself is `index.html`). */
export type DashboardAssetName = 'index.html' | 'app.js' | 'dashboard.css' | 'favicon.svg' | 'echarts.min.js';

/**
 * The page and the app script must be re-checked on every load (a deploy takes effect at once; the ETag
 * makes that a 304); the pinned ECharts build may be reused for a day.
 */
const REVALIDATE = 'no-cache';
const ONE_DAY = 'public, max-age=86400';

/**
 * The repository (or image) root: the nearest directory above `from` with a package.json. The same from
 * the TypeScript source (apps/gateway/src/dashboard) and from the build (dist/apps/gateway/src/dashboard).
 */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

/** Injection token: the root to read the page from (tests); the project root by default. */
export const DASHBOARD_ROOT = Symbol('DASHBOARD_ROOT');

/** Where the page's own files live (read from the source tree: tsc copies no non-TS files to dist). */
export const DASHBOARD_PUBLIC_DIR = join('apps', 'gateway', 'src', 'dashboard', 'public');

function asset(body: Buffer, contentType: string, cacheControl: string): DashboardAsset {
  return {
    body,
    gzip: gzipSync(body, { level: 9 }),
    contentType,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    cacheControl,
  };
}

/**
 * The dashboard's static files, read and compressed once when the gateway boots. ECharts comes from the
 * `echarts` npm package as installed. A build without the page's files (an image that copies only dist/
 * and node_modules/) still serves the API: the page answers 503 and the boot logs the error once, since
 * the public API must not go down for want of the supervision page.
 */
@Injectable()
export class DashboardAssets {
  private readonly logger = new Logger(DashboardAssets.name);
  private readonly assets?: Record<DashboardAssetName, DashboardAsset>;
  private readonly missing?: string;

  constructor(@Optional() @Inject(DASHBOARD_ROOT) root?: string) {
    const dir = join(root ?? projectRoot(), DASHBOARD_PUBLIC_DIR);
    const own = (name: string) => readFileSync(join(dir, name));
    try {
      this.assets = {
        'index.html': asset(own('index.html'), 'text/html; charset=utf-8', REVALIDATE),
        'app.js': asset(own('app.js'), 'text/javascript; charset=utf-8', REVALIDATE),
        'dashboard.css': asset(own('dashboard.css'), 'text/css; charset=utf-8', REVALIDATE),
        'favicon.svg': asset(own('favicon.svg'), 'image/svg+xml', ONE_DAY),
        'echarts.min.js': asset(
          readFileSync(require.resolve('echarts/dist/echarts.min.js')),
          'text/javascript; charset=utf-8',
          ONE_DAY,
        ),
      };
    } catch (e) {
      this.missing = e instanceof Error ? e.message : String(e);
      this.logger.error({ err: e, dir }, 'dashboard assets not found: /dashboard answers 503');
    }
  }

  /** The asset, or 503 when this build was deployed without the page's files. */
  get(name: DashboardAssetName): DashboardAsset {
    if (!this.assets) {
      throw new DomainError('UPSTREAM_UNAVAILABLE', '电子监察驾驶舱未随本版本部署 / dashboard not deployed', {
        reason: this.missing,
      });
    }
    return this.assets[name];
  }
}
