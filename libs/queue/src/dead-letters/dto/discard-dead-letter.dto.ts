import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class DiscardDeadLetterDto {
  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why the job will not be replayed (kept with the dead letter and audited)' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
