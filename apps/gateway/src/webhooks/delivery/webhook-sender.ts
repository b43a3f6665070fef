import { request as httpRequest, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkTargetUrl, resolveAllowed, TargetPolicy } from './target-guard';

export interface SendResult {
  /** The partner's HTTP status; undefined when no answer came. */
  status?: number;
  /** Why the attempt failed (no 2xx): short, without the response body. */
  error?: string;
  /** The SSRF guard refused the target at delivery time (its name now resolves to a forbidden address). */
  refused?: boolean;
}

const RESPONSE_DRAIN_LIMIT = 64 * 1024;

/**
 * POSTs one signed webhook. The target is checked again now (DNS answers change): every address its name
 * resolves to must be allowed, and the connection goes to one of exactly those addresses (the checked
 * answer is pinned through `lookup`, so a second resolution cannot rebind it). Redirects are not followed
 * (a 3xx is a failure). Success is any 2xx within the timeout.
 */
export async function sendWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  policy: TargetPolicy,
  timeoutMs: number,
): Promise<SendResult> {
  let url: URL;
  let addresses: Array<{ address: string; family: number }>;
  try {
    url = checkTargetUrl(target, policy);
    addresses = await resolveAllowed(url.hostname, policy);
  } catch (e) {
    const details = (e as { code?: string; details?: { addressClass?: string } }) ?? {};
    return {
      refused: true,
      error: `target refused: ${details.code ?? 'invalid'}${details.details?.addressClass ? ` (${details.details.addressClass})` : ''}`,
    };
  }
  const pinned = ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (opts?.all) cb(null, addresses);
    else cb(null, addresses[0].address, addresses[0].family);
  }) as unknown as LookupFunction;
  const options: RequestOptions = {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'gov-platform-webhooks/1.0',
    },
    lookup: pinned,
    timeout: timeoutMs,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const done = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      resolve(r);
    };
    const req = send(url, options, (res) => {
      let seen = 0;
      res.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > RESPONSE_DRAIN_LIMIT) res.destroy();
      });
      const status = res.statusCode ?? 0;
      const finish = () =>
        done(status >= 200 && status < 300 ? { status } : { status, error: `HTTP ${status}` });
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
    });
    // The socket timeout covers idle gaps; this covers the whole exchange.
    const overall = setTimeout(() => req.destroy(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => done({ error: (e.code ?? e.message).slice(0, 200) }));
    req.end(body);
  });
}
