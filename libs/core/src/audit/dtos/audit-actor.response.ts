import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTOR_KINDS, type AuditActorKind } from '../audit-actor';

/** Who made a change. */
export class AuditActorResponse {
  @ApiProperty({ enum: AUDIT_ACTOR_KINDS, example: 'user' })
  kind!: AuditActorKind;

  @ApiProperty({ type: String, nullable: true, description: "The person's or key's id; null for the system", example: null })
  id!: string | null;

  @ApiProperty({ description: "The person's e-mail or the key's name when the change was made", example: 'ops@example.com' })
  label!: string;
}
