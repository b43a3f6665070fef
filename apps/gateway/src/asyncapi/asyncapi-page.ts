import type { AsyncApiDocument, JsonSchema } from '@app/shared/contracts';

/** One row of a field table: `applicant.certType`, its type, whether required, what it holds. */
export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

const REF_PREFIX = '#/components/schemas/';

/** A schema keyword as text ('' when it is not a string). */
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function resolve(doc: AsyncApiDocument, s: JsonSchema): JsonSchema {
  const ref = s.$ref;
  return typeof ref === 'string' && ref.startsWith(REF_PREFIX)
    ? (doc.components.schemas[ref.slice(REF_PREFIX.length)] ?? {})
    : s;
}

/** The non-null alternative of an optional field (`oneOf: [X, null]`), or the schema itself. */
function nonNull(doc: AsyncApiDocument, s: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(s.oneOf)) {
    const rest = (s.oneOf as JsonSchema[]).filter((x) => x.type !== 'null');
    if (rest.length === 1) return { schema: resolve(doc, rest[0]), nullable: true };
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : [];
  return { schema: resolve(doc, s), nullable: types.includes('null') };
}

function typeText(s: JsonSchema, nullable: boolean): string {
  const t = (Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]).filter(
    (x) => x && x !== 'null',
  );
  let text = t.join(' | ') || 'any';
  if (typeof s.format === 'string') text += ` (${s.format})`;
  if (typeof s.title === 'string' && !s.type) text = s.title;
  return nullable ? `${text} | null` : text;
}

function constraintText(s: JsonSchema): string {
  const parts: string[] = [];
  if (Array.isArray(s.enum)) {
    parts.push(
      `one of ${(s.enum as unknown[])
        .filter((v) => v !== null)
        .map((v) => JSON.stringify(v))
        .join(', ')}`,
    );
  }
  if (typeof s.pattern === 'string') parts.push(`pattern ${s.pattern}`);
  if (typeof s.minLength === 'number') parts.push(`≥ ${s.minLength} chars`);
  if (typeof s.maxLength === 'number') parts.push(`≤ ${s.maxLength} chars`);
  if (typeof s.minimum === 'number') parts.push(`≥ ${s.minimum}`);
  if (typeof s.maximum === 'number') parts.push(`≤ ${s.maximum}`);
  if (typeof s.minItems === 'number') parts.push(`≥ ${s.minItems} items`);
  if (typeof s.maxItems === 'number') parts.push(`≤ ${s.maxItems} items`);
  if (typeof s.description === 'string') parts.push(s.description);
  return parts.join('; ');
}

/** The fields of an object schema, nested objects and array items flattened (`members[].itemCode`). */
export function fieldRows(doc: AsyncApiDocument, schema: JsonSchema, prefix = '', depth = 0): FieldRow[] {
  const s = resolve(doc, schema);
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  const rows: FieldRow[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const { schema: field, nullable } = nonNull(doc, raw);
    const isArray = field.type === 'array' || (Array.isArray(field.type) && field.type.includes('array'));
    const items = isArray && field.items ? resolve(doc, field.items as JsonSchema) : undefined;
    const path = `${prefix}${name}`;
    const type = items
      ? `array of ${items.properties ? str(items.title, 'object') : typeText(items, false)}${nullable ? ' | null' : ''}`
      : field.properties
        ? `${str(field.title, 'object')}${nullable ? ' | null' : ''}`
        : typeText(field, nullable);
    const description = [constraintText(field), items && !items.properties ? constraintText(items) : '']
      .filter(Boolean)
      .join('; ');
    rows.push({ name: path, type, required: required.has(name), description });
    if (depth < 4 && field.properties) rows.push(...fieldRows(doc, field, `${path}.`, depth + 1));
    if (depth < 4 && items?.properties) rows.push(...fieldRows(doc, items, `${path}[].`, depth + 1));
  }
  return rows;
}

function table(rows: FieldRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td><code>${escapeHtml(r.name)}</code></td><td>${escapeHtml(r.type)}</td>` +
        `<td>${r.required ? '是 yes' : '否 no'}</td><td>${escapeHtml(r.description)}</td></tr>`,
    )
    .join('\n');
  return (
    '<table><thead><tr><th>字段 Field</th><th>类型 Type</th><th>必填 Required</th>' +
    `<th>说明 Description</th></tr></thead>\n<tbody>\n${body}\n</tbody></table>`
  );
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9-]/g, '-');

/**
 * The AsyncAPI document as one readable, self-contained HTML page (no script; the stylesheet is served
 * from the same origin): every topic with its producer, consumers, key and payload fields, then the
 * CloudEvents headers and the dead-letter headers.
 */
export function renderAsyncApiPage(
  doc: AsyncApiDocument,
  opts: { cssHref: string; jsonHref: string },
): string {
  const channels = Object.entries(doc.channels).filter(([, c]) => !c['x-dead-letters-of']);
  const index = channels
    .map(
      ([id, c]) =>
        `<tr><td><a href="#${slug(id)}"><code>${escapeHtml(c.address)}</code></a></td>` +
        `<td>${escapeHtml(c['x-producer'])}</td><td>${escapeHtml(c['x-consumers'].join(', ') || '—')}</td>` +
        `<td><code>${escapeHtml(c['x-key-field'] ?? '')}</code></td></tr>`,
    )
    .join('\n');
  const sections = channels
    .map(([id, c]) => {
      const [ref] = Object.values(c.messages);
      const message = doc.components.messages[ref.$ref.split('/').pop() ?? ''];
      const key = message.bindings.kafka.key;
      return (
        `<section id="${slug(id)}">\n<h3><code>${escapeHtml(c.address)}</code></h3>\n` +
        `<p>${escapeHtml(c.description)}</p>\n<dl>` +
        `<dt>生产方 Producer</dt><dd>${escapeHtml(c['x-producer'])}</dd>` +
        `<dt>平台内消费方 Platform consumers</dt><dd>${escapeHtml(c['x-consumers'].join(', ') || '— (published for partners)')}</dd>` +
        `<dt>消息键 Key</dt><dd>${escapeHtml(str(key.description))}</dd>` +
        `<dt>死信主题 Dead-letter topic</dt><dd><code>${escapeHtml(c.address)}.dlq</code></dd>` +
        `<dt>分区 Partitions</dt><dd>${c.bindings.kafka.partitions}</dd></dl>\n` +
        `<h4>消息体 Payload (<code>${escapeHtml(message.name)}</code>)</h4>\n` +
        `${table(fieldRows(doc, message.payload))}\n</section>`
      );
    })
    .join('\n');
  const headers = fieldRows(doc, doc.components.schemas.CloudEventHeaders ?? {});
  const dlq = (doc.components.schemas.DeadLetterHeaders?.allOf as JsonSchema[] | undefined)?.[1] ?? {};
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title>
<link rel="stylesheet" href="${escapeHtml(opts.cssHref)}">
</head>
<body>
<header>
<h1>${escapeHtml(doc.info.title)}</h1>
<p>AsyncAPI ${escapeHtml(doc.asyncapi)} · 版本 version ${escapeHtml(doc.info.version)} · <a href="${escapeHtml(opts.jsonHref)}">机器可读 Machine-readable JSON</a></p>
<p>${escapeHtml(doc.info.description)}</p>
</header>
<main>
<h2>主题一览 Topics</h2>
<table><thead><tr><th>主题 Topic</th><th>生产方 Producer</th><th>平台内消费方 Consumers</th><th>消息键 Key</th></tr></thead>
<tbody>
${index}
</tbody></table>
<h2>消息头 Headers (CloudEvents 1.0, Kafka binary mode)</h2>
${table(headers)}
<h2>死信消息头 Dead-letter headers (<code>&lt;topic&gt;.dlq</code>)</h2>
<p>${escapeHtml(str(doc.components.schemas.DeadLetterHeaders?.description))}</p>
${table(fieldRows(doc, dlq))}
<h2>事件 Events</h2>
${sections}
</main>
</body>
</html>
`;
}

/** The page's stylesheet (served from the same origin: the CSP allows no inline style). */
export const ASYNCAPI_PAGE_CSS = `body{font:14px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1200px;padding:0 16px;color:#1f2328}
h1{font-size:24px}h2{margin-top:32px;border-bottom:1px solid #d0d7de}h3{margin-top:28px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dt{font-weight:600}dd{margin:0}
section{border-top:1px dashed #d0d7de}
`;
