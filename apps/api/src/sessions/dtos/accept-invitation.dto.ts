import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token of the invitation link', example: '3q2-7wX9kR1mZ4bN8vT0yL6pQ5sD2fG7hJ9kA1cE3uI' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;

  @ApiProperty({ description: 'The password to choose: 12 characters or more', example: 'correct horse battery staple' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password!: string;
}
