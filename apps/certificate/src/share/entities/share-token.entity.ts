import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An accessToken handed out by getToken: only its SHA-256 is stored, with its expiry. */
@Entity('share_tokens')
export class ShareTokenEntity {
  @PrimaryColumn({ name: 'token_hash', length: 64 }) tokenHash!: string;
  @Column({ name: 'access_id', length: 64 }) accessId!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
