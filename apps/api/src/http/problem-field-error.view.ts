import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** One field's complaint in a problem's `errors`. */
@ApiSchema({ name: 'ProblemFieldError', description: 'What is wrong with one field of the request' })
export class ProblemFieldErrorView {
  @ApiProperty({
    description: 'The field, as a path into the request body or query (`lines[0].quantity`, `orderFilters.statuses`, `body`)',
    example: 'lines[0].quantity',
  })
  field!: string;

  @ApiProperty({ description: 'What is wrong with it, for people', example: 'quantity must not be less than 1' })
  message!: string;
}
