import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { verify } from '../src/webhooks/delivery/standard-webhooks';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  signatures: string[];
  /** For each signature: the index of the known secret it verifies with, or -1. */
  verifiedWith: number[];
  body: string;
  headers: IncomingHttpHeaders;
}

/**
 * A partner's endpoint for the tests: verifies EVERY signature of every request against the secrets it
 * knows for the path (a signature no known secret verifies is recorded as -1, and `unverified` lists it),
 * answers with the status the test chose for the path, and de-duplicates by `webhook-id` as a partner must.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly secrets = new Map<string, string[]>();
  private readonly answers = new Map<string, () => number>();
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const path = req.url ?? '/';
        const id = String(req.headers['webhook-id'] ?? '');
        const timestamp = String(req.headers['webhook-timestamp'] ?? '');
        const signatures = String(req.headers['webhook-signature'] ?? '').split(' ');
        const known = this.secrets.get(path) ?? [];
        const verifiedWith = signatures.map((signature) =>
          known.findIndex((secret) => verify(secret, { id, timestamp, signature }, body)),
        );
        this.received.push({ path, id, timestamp, signatures, verifiedWith, body, headers: req.headers });
        res.writeHead((this.answers.get(path) ?? (() => 200))(), { 'content-type': 'text/plain' });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The secrets this path verifies with (current first; a rotation adds the new one in front). */
  knowSecrets(path: string, secrets: string[]): void {
    this.secrets.set(path, secrets);
  }

  answer(path: string, status: () => number): void {
    this.answers.set(path, status);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** What the partner processed: the first request of each webhook-id. */
  processed(path: string): ReceivedWebhook[] {
    const seen = new Set<string>();
    return this.at(path).filter((r) => !seen.has(r.id) && seen.add(r.id));
  }

  /** Requests with a signature that none of the path's secrets verifies (must stay empty). */
  unverified(): ReceivedWebhook[] {
    return this.received.filter((r) => r.verifiedWith.some((i) => i < 0));
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
