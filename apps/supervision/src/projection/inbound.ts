import type { Topic } from '@app/shared/contracts';
import type { InboundEvent } from '@app/shared/kafka';

/** An inbound event of one of the topics T, discriminated by `topic` (so `switch (e.topic)` narrows the payload). */
export type AnyInbound<T extends Topic> = T extends Topic ? InboundEvent<T> : never;
