import type { Envelope } from './envelope/sm2-envelope';

/** The province's answer to one push (§2.4: `{success, code, errorMessage, serviceCode, serviceNumber}`). */
export interface ProvinceReply {
  status: number | null;
  /** Why the push did not succeed; null when it did. */
  error: string | null;
  answer: Record<string, unknown> | null;
}

const ANSWER_LIMIT = 64 * 1024;

/** Control characters and anything that looks like an ID or phone number never reach the error column. */
const scrub = (s: string): string =>
  [...s]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch))
    .join('')
    .replace(/\d{11,}[\dXx]?/g, '***')
    .slice(0, 300);

/**
 * POSTs one envelope as JSON. Success is an HTTP 2xx whose JSON body says `success: true` (or `code`
 * "200"); anything else — no answer within the timeout, another status, a refusal in the body — is a
 * failure the dispatcher retries.
 */
export async function pushEnvelope(
  url: string,
  envelope: Envelope,
  timeoutMs: number,
): Promise<ProvinceReply> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'gov-platform-exchange/1.0' },
      body: JSON.stringify(envelope),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const err = e as { name?: string; message?: string; cause?: { code?: string } };
    const why =
      err.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : (err.cause?.code ?? err.message);
    return { status: null, error: scrub(`no answer: ${why ?? 'network error'}`), answer: null };
  }
  const text = (await res.text().catch(() => '')).slice(0, ANSWER_LIMIT);
  let answer: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      answer = parsed as Record<string, unknown>;
    }
  } catch {
    answer = null;
  }
  if (res.status < 200 || res.status >= 300) {
    return { status: res.status, error: `HTTP ${res.status}`, answer };
  }
  if (!answer) return { status: res.status, error: 'answer is not a JSON object', answer: null };
  if (answer.success !== true && String(answer.code) !== '200') {
    const msg = typeof answer.errorMessage === 'string' ? answer.errorMessage : '';
    return { status: res.status, error: scrub(`refused: code ${String(answer.code)} ${msg}`), answer };
  }
  return { status: res.status, error: null, answer };
}
