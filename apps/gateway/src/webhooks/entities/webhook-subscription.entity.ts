import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SUBSCRIPTION_STATUSES = ['ACTIVE', 'DISABLED'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Why a subscription is off: an admin turned it off, or the gateway did after repeated failures. */
export type DisabledReason = 'ADMIN' | 'CONSECUTIVE_DEAD_LETTERS' | 'FAILING_TOO_LONG';

/** A partner's webhook subscription: where to POST which events, and the secrets that sign them. */
@Entity('webhook_subscriptions')
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'partner_name', length: 100 }) partnerName!: string;
  @Column({ name: 'target_url', length: 2000 }) targetUrl!: string;
  @Column({ name: 'event_types', type: 'text', array: true }) eventTypes!: string[];
  @Column({ name: 'dept_codes', type: 'text', array: true }) deptCodes!: string[];
  @Column({ name: 'item_codes', type: 'text', array: true }) itemCodes!: string[];
  @Column({ type: 'varchar', length: 10 }) status!: SubscriptionStatus;
  @Column({ name: 'disabled_reason', type: 'varchar', length: 40, nullable: true })
  disabledReason!: DisabledReason | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  /** Sealed (SecretBox) signing secret; never returned except once, when created or rotated. */
  @Column({ type: 'text' }) secret!: string;
  @Column({ name: 'previous_secret', type: 'text', nullable: true }) previousSecret!: string | null;
  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;
  @Column({ name: 'consecutive_dead_letters', type: 'int' }) consecutiveDeadLetters!: number;
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true }) failingSince!: Date | null;
  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true }) lastSuccessAt!: Date | null;
  @Column({ name: 'created_by', length: 100 }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
