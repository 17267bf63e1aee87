import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID, MaxLength } from 'class-validator';

export class ReplayDeadLettersDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 100, maxLength: 36 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @MaxLength(36, { each: true })
  @IsUUID('all', { each: true })
  ids: string[];
}
