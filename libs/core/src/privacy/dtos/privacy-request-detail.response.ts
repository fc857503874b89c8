import { ApiProperty } from '@nestjs/swagger';
import { PrivacyRequestResponse } from './privacy-request.response';

export class PrivacyRequestDetailResponse extends PrivacyRequestResponse {
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'Data requests: what Gantry holds of the customer ({channel, account, customer, ordersRequested, records: {holder: [{table, id, data}]}}), to hand to the merchant; null for redactions or once erased',
  })
  export!: unknown;
}
