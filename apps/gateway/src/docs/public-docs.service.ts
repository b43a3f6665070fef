import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { UPSTREAMS, Upstream } from '../proxy/route-map';
import { UpstreamClient } from '../proxy/upstream.client';
import { mergeOpenApi, withOwnOperations } from './openapi-merge';

export const PUBLIC_API_INFO = {
  title: '一网通办 Public API',
  description:
    'The only public entry of the one-stop government service platform: 事项, 申请/受理, 审批, 电子证照, 好差评. ' +
    'Each operation states who may call it (`x-public`, `x-roles`); send `Authorization: Bearer <JWT>`. ' +
    'Errors are `{code, message, details, correlationId}`. Merged from the owning services’ own documents.',
  version: '1.0',
};

/**
 * The merged public OpenAPI document, rebuilt from the services' /docs-json: at boot, then every
 * `refreshMs` (sooner while a service has not answered yet). The last good document of a service is
 * kept when it is briefly away.
 */
@Injectable()
export class PublicDocsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PublicDocsService.name);
  private readonly docs: Partial<Record<Upstream, OpenAPIObject>> = {};
  private merged: OpenAPIObject = mergeOpenApi(PUBLIC_API_INFO, {});
  /** The gateway's own operations (partner webhooks), set once at boot. */
  private own?: OpenAPIObject;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly refreshMs = 60_000;

  constructor(private readonly upstream: UpstreamClient) {}

  onApplicationBootstrap(): void {
    void this.refresh();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Adds the gateway's own operations to the merged document (now and on every refresh). */
  setOwn(doc: OpenAPIObject): void {
    this.own = doc;
    this.merged = withOwnOperations(mergeOpenApi(PUBLIC_API_INFO, this.docs), this.own);
  }

  get document(): OpenAPIObject {
    return this.merged;
  }

  /** Fetches every service's document (in parallel, 3 s each) and merges what is known. */
  async refresh(): Promise<OpenAPIObject> {
    if (this.timer) clearTimeout(this.timer);
    const results = await Promise.all(
      UPSTREAMS.map(async (u) => {
        try {
          const r = await fetch(`${this.upstream.baseUrl(u)}/docs-json`, {
            signal: AbortSignal.timeout(3000),
          });
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          this.docs[u] = (await r.json()) as OpenAPIObject;
          return true;
        } catch (e) {
          this.logger.debug({ err: e, upstream: u }, 'service OpenAPI document not available yet');
          return false;
        }
      }),
    );
    this.merged = withOwnOperations(mergeOpenApi(PUBLIC_API_INFO, this.docs), this.own);
    const complete = results.every(Boolean);
    if (this.stopped) return this.merged;
    this.timer = setTimeout(() => void this.refresh(), complete ? this.refreshMs : 2_000);
    this.timer.unref();
    return this.merged;
  }

  /** The document with every service in it (fetching now if one is missing). */
  async complete(): Promise<OpenAPIObject> {
    return UPSTREAMS.every((u) => this.docs[u]) ? this.merged : this.refresh();
  }
}
