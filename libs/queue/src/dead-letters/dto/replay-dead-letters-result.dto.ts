import { ApiProperty } from '@nestjs/swagger';
import { ReplayDeadLetterResultDto } from './replay-dead-letter-result.dto';

export class ReplayDeadLettersResultDto {
  @ApiProperty({ type: [ReplayDeadLetterResultDto] }) results: ReplayDeadLetterResultDto[];
}
