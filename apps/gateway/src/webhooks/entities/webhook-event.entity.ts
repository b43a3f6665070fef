import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One event as partners receive it: the exact body every delivery of it sends, on every attempt. */
@Entity('webhook_events')
export class WebhookEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ length: 200 }) topic!: string;
  @Column({ length: 200 }) subject!: string;
  @Column({ type: 'text' }) body!: string;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
}
