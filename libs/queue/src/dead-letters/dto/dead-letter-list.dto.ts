import { ApiProperty } from '@nestjs/swagger';
import { DeadLetterSummaryDto } from './dead-letter-summary.dto';

export class DeadLetterListDto {
  @ApiProperty({ type: [DeadLetterSummaryDto] }) data: DeadLetterSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
