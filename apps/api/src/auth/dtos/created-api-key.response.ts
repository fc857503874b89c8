import { ApiProperty } from '@nestjs/swagger';
import { ApiKeyResponse } from './api-key.response';

/** A new API key, with the key itself: shown once. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    description: 'The key, shown once: send it as Authorization: Bearer <key>',
    example: 'gk_Ab3dEf6hIj9k_q2N8vT0yL6pQ5sD2fG7hJ9kA1cE3uI4oPr',
  })
  key!: string;
}
