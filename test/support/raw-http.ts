import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * One HTTP/1.1 request with the path sent byte for byte as given (no URL normalisation: `..`, `%2e`,
 * malformed percent escapes reach the server as written). `path` must be visible ASCII (percent-encode
 * the rest); the body is sent as is, with its content-type when given.
 */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const u = new URL(base);
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        method,
        path,
        headers: { ...(opts.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: opts.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path.slice(0, 200)}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Closes the keep-alive sockets (call once in afterAll). */
export function closeRawAgent(): void {
  agent.destroy();
}
