import { Role } from '@gantry/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An API key. Only a hash of its secret is stored; the key itself is shown once at creation. */
@Entity('api_key')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: Role;

  // Public part of the key, used to find the row without scanning hashes.
  @Column({ type: 'text', unique: true })
  prefix!: string;

  @Column({ type: 'text' })
  secretHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  // Written at most once a minute per key (ApiKeyService), so it is "last used, to the minute".
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  // Null: the key never expires.
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
