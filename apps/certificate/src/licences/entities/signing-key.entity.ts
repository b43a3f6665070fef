import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Public halves of every signing key ever used (private keys live only in config/secret stores). */
@Entity('signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn({ length: 40 }) kid!: string;
  @Column({ length: 20 }) algorithm!: string;
  @Column({ name: 'public_key_hex', length: 130 }) publicKeyHex!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
