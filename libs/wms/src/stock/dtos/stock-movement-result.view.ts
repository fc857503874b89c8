import { ApiProperty } from '@nestjs/swagger';
import { StockLevelView } from './stock-level.view';

/** The answer to POST /stock/movements. */
export class StockMovementResultView {
  @ApiProperty({ type: [StockLevelView], description: 'The stock levels the movement changed, after it' })
  levels!: StockLevelView[];
}

/** The answer to POST /stock/movements/batch. */
export class StockMovementBatchResultView extends StockMovementResultView {
  @ApiProperty({ description: 'How many movements were recorded (all of them)' })
  recorded!: number;
}
