import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@gantry/core';

/** A person of the admin, as the API answers it (never the password hash). */
export class UserResponse {
  @ApiProperty({ format: 'uuid', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  id!: string;

  @ApiProperty({ description: 'E-mail, lower case; unique', example: 'ops@example.com' })
  email!: string;

  @ApiProperty({ enum: Role, description: 'The role the person acts with', example: Role.OPERATOR })
  role!: Role;

  @ApiProperty({ description: 'Whether the person may sign in (false: deactivated, or invited and not yet accepted)', example: true })
  active!: boolean;

  @ApiProperty({ description: 'Invited and not yet accepted: no password chosen', example: false })
  invited!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Locked after failed sign-ins until then', example: null })
  lockedUntil!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-07-01T09:30:00.000Z' })
  lastSignInAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:30:00.000Z' })
  createdAt!: Date;
}
