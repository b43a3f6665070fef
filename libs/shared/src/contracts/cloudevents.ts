/** CloudEvents 1.0 binary-mode Kafka headers (docs/architecture.md, events). */
export const CE = {
  SPECVERSION: 'ce_specversion',
  ID: 'ce_id',
  SOURCE: 'ce_source',
  TYPE: 'ce_type',
  TIME: 'ce_time',
  SUBJECT: 'ce_subject',
  DATASCHEMA: 'ce_dataschema',
  CONTENT_TYPE: 'content-type',
  TRACEPARENT: 'traceparent',
  CORRELATION: 'x-correlation-id',
} as const;

/** `ce_type` is the topic without its version suffix. */
export const ceTypeOf = (topic: string): string => topic.replace(/\.v\d+$/, '');
export const dataSchemaOf = (topic: string): string => `urn:gov-platform:schema:${topic}`;

export interface CloudEventHeaders {
  ce_specversion: '1.0';
  ce_id: string;
  ce_source: string;
  ce_type: string;
  ce_time: string;
  ce_subject: string;
  ce_dataschema: string;
  'content-type': 'application/json';
  traceparent: string;
  'x-correlation-id': string;
}
