import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AsyncApiDocument, buildAsyncApi } from '@app/shared/contracts';
import { ASYNCAPI_PAGE_CSS, renderAsyncApiPage } from './asyncapi-page';

export const ASYNCAPI_JSON_PATH = '/asyncapi.json';
export const ASYNCAPI_PAGE_PATH = '/asyncapi';
export const ASYNCAPI_CSS_PATH = '/asyncapi.css';

/** One rendered representation: its bytes and a strong validator. */
export interface Rendered {
  body: string;
  etag: string;
}

const rendered = (body: string): Rendered => ({
  body,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
});

/**
 * The AsyncAPI document of the event contracts, built once at boot from the contracts this gateway was
 * built with (the same function writes docs/asyncapi.json, and a unit test keeps the two equal).
 */
@Injectable()
export class AsyncApiDocsService {
  readonly document: AsyncApiDocument = buildAsyncApi();
  readonly json: Rendered = rendered(`${JSON.stringify(this.document, null, 2)}\n`);
  readonly page: Rendered = rendered(
    renderAsyncApiPage(this.document, { cssHref: ASYNCAPI_CSS_PATH, jsonHref: ASYNCAPI_JSON_PATH }),
  );
  readonly css: Rendered = rendered(ASYNCAPI_PAGE_CSS);
}
