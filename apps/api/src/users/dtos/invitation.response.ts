import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from './user.response';

/** A new invitation: the link is shown once (only a hash of its token is stored). */
export class InvitationResponse {
  @ApiProperty({ type: UserResponse, description: 'The invited person (inactive until the link is used)' })
  user!: UserResponse;

  @ApiProperty({
    description: 'The one-time link to send to the person; shown once, valid 7 days',
    example: 'https://gantry.example.com/admin/accept-invitation?token=3q2-7wX9kR1mZ4bN8vT0yL6pQ5sD2fG7hJ9kA1cE3uI',
  })
  invitationUrl!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-08T09:30:00.000Z' })
  expiresAt!: Date;
}
