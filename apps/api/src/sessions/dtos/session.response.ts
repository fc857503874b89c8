import { ApiProperty } from '@nestjs/swagger';
import { SessionUserResponse } from './session-user.response';

/** A session: who is signed in, and the token to send as X-CSRF-Token on every POST, PUT, PATCH and DELETE. */
export class SessionResponse {
  @ApiProperty({ type: SessionUserResponse })
  user!: SessionUserResponse;

  @ApiProperty({
    description: "The session's CSRF token: send it as `X-CSRF-Token` on every state-changing request made with the session cookie",
    example: 'b7Xk2pQ9vR4mN1sT8wY3zA6cD0eF5gH2jK7lM9nP4qR',
  })
  csrfToken!: string;
}
