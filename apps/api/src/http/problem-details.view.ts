import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ProblemFieldErrorView } from './problem-field-error.view';

/** Every error answer (RFC 9457, `application/problem+json`), as the OpenAPI document shows it. */
@ApiSchema({
  name: 'ProblemDetails',
  description: 'Every error answers `application/problem+json` (RFC 9457); validation errors list each field in `errors`.',
})
export class ProblemDetailsView {
  @ApiProperty({ description: 'Always `about:blank`: `status` and `title` say what happened', example: 'about:blank' })
  type!: string;

  @ApiProperty({ description: 'The HTTP status', example: 400 })
  status!: number;

  @ApiProperty({ description: "The status's name", example: 'Bad Request' })
  title!: string;

  @ApiProperty({ description: 'What went wrong, for people', example: 'Validation failed' })
  detail!: string;

  @ApiPropertyOptional({ type: [ProblemFieldErrorView], description: 'One entry per field at fault (validation and some 404/409)' })
  errors?: ProblemFieldErrorView[];

  @ApiPropertyOptional({ description: 'On 5xx only: identifies the error in the server logs', format: 'uuid' })
  errorId?: string;
}
