import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@gantry/core';

/** The signed-in person. */
export class SessionUserResponse {
  @ApiProperty({ format: 'uuid', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  id!: string;

  @ApiProperty({ example: 'admin@example.com' })
  email!: string;

  @ApiProperty({ enum: Role, example: Role.ADMIN })
  role!: Role;
}
