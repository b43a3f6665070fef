import { buildAsyncApi, TOPICS } from '@app/shared/contracts';
import { escapeHtml, fieldRows, renderAsyncApiPage } from './asyncapi-page';

describe('AsyncAPI page', () => {
  const doc = buildAsyncApi();

  it('flattens payload fields, nested objects and array items, with type, required and constraints', () => {
    const message = doc.components.messages.ApplicationAcceptedV1;
    const rows = fieldRows(doc, message.payload);
    const row = (name: string) => rows.find((r) => r.name === name);
    expect(row('caseNo')).toMatchObject({ type: 'string', required: true });
    expect(row('caseNo')?.description).toContain('pattern ^[0-9A-Z-]{10,50}$');
    expect(row('applicant')).toMatchObject({ type: 'EventApplicant', required: true });
    expect(row('applicant.certType')?.description).toContain('one of "001", "099", "111"');
    expect(row('licence')).toMatchObject({ type: 'EventLicenceSpec | null', required: false });
    expect(row('licence.faceFields')).toMatchObject({ type: 'object', required: true });
    expect(row('owedMaterials')).toMatchObject({ type: 'array of OwedMaterialV1 | null', required: false });
    expect(row('owedMaterials[].dueDate')).toMatchObject({ required: true });
    expect(row('promiseLimit')).toMatchObject({ type: 'integer', description: '≥ 0' });
  });

  it('renders every topic, the headers and the dead-letter headers, with no script and no inline style', () => {
    const html = renderAsyncApiPage(doc, { cssHref: '/asyncapi.css', jsonHref: '/asyncapi.json' });
    for (const topic of Object.values(TOPICS)) expect(html).toContain(`id="${topic.replace(/\./g, '-')}"`);
    expect(html).toContain('<link rel="stylesheet" href="/asyncapi.css">');
    expect(html).toContain('traceparent');
    expect(html).toContain('x-dlq-original-topic');
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it('escapes what it prints', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const evil = structuredClone(doc);
    evil.info.title = '<script>alert(1)</script>';
    expect(renderAsyncApiPage(evil, { cssHref: '/c', jsonHref: '/j' })).not.toContain('<script>');
  });
});
