export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  raw: Buffer;
}

/** Small fetch wrapper for tests: JSON in/out, raw bytes kept. */
export async function http<T = any>(
  method: string,
  url: string,
  opts: {
    token?: string;
    body?: unknown;
    rawBody?: string | Buffer;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Buffer | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body });
  const raw = Buffer.from(await res.arrayBuffer());
  let parsed: unknown = raw;
  if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(raw.toString('utf8'));
  return { status: res.status, body: parsed as T, headers: res.headers, raw };
}
