import { ApiProperty } from '@nestjs/swagger';
import { DeadLetterSummaryDto } from './dead-letter-summary.dto';

export class DeadLetterDto extends DeadLetterSummaryDto {
  @ApiProperty({ nullable: true, type: String, description: 'Stack trace of the last attempt (truncated)' }) stack: string | null;
}
