import type { TopicPayloads } from '../contracts/registry';
import type { Topic } from '../contracts/topics';

/** What a handler receives: the validated payload plus the CloudEvents envelope and its Kafka position. */
export interface InboundEvent<T extends Topic = Topic> {
  id: string;
  topic: T;
  type: string;
  source: string;
  subject: string;
  time: string;
  correlationId: string;
  traceparent?: string;
  key: string | null;
  partition: number;
  offset: string;
  payload: TopicPayloads[T];
}

/** Throw from a handler for an error that no retry can fix: the message goes straight to its .dlq. */
export class NonRetryableError extends Error {
  constructor(
    message: string,
    readonly reason = 'NON_RETRYABLE',
  ) {
    super(message);
    this.name = 'NonRetryableError';
  }
}
