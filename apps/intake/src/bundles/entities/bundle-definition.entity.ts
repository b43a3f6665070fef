import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  BundleEnterprise,
  BundleFormField,
  BundleMaterial,
  BundleMemberSpec,
} from '../bundle-definition';

/**
 * 一件事 definition (catalog-like): its members, the ONE bundle form and its mapping onto each member's
 * form, the dependencies. `version` counts replacements; a bundle keeps the snapshot it was filed under.
 */
@Entity('bundle_definitions')
export class BundleDefinitionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ length: 40, unique: true }) code!: string;
  @Column({ length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) description!: string | null;
  @Column({ name: 'form_fields', type: 'jsonb' }) formFields!: BundleFormField[];
  @Column({ type: 'jsonb' }) materials!: BundleMaterial[];
  @Column({ type: 'jsonb' }) members!: BundleMemberSpec[];
  @Column({ type: 'jsonb' }) mapping!: Record<string, Record<string, string>>;
  @Column({ name: 'material_mapping', type: 'jsonb' }) materialMapping!: Record<
    string,
    Record<string, string>
  >;
  @Column({ type: 'jsonb', nullable: true }) enterprise!: BundleEnterprise | null;
  @Column({ type: 'int', default: 1 }) version!: number;
  @Column({ name: 'updated_by', length: 100 }) updatedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
