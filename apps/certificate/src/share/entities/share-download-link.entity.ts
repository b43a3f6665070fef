import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A temporary download link (downloadUrl): single use, expiring. The id is random (the link is the
 * credential); the PDF served is watermarked with the stated use.
 */
@Entity('share_download_links')
export class ShareDownloadLinkEntity {
  @PrimaryColumn({ length: 32 }) id!: string;
  @Column({ name: 'licence_id', length: 120 }) licenceId!: string;
  @Column({ name: 'access_id', length: 64 }) accessId!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'use_cause', length: 200 }) useCause!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
