import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsStringMap } from '@app/core';

/** Draft content to preview; parts left out come from the template's current version. */
export class PreviewEmailTemplateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  subject?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 20000 })
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  text?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100000, description: 'null previews a plain-text email' })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  html?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 1000 },
    maxProperties: 50,
    description: 'Values replacing the sample data of the template\'s variables',
    example: { name: 'Grace' },
  })
  @IsOptional()
  @IsObject()
  @IsStringMap({ maxEntries: 50, maxKeyLength: 60, maxValueLength: 1000 })
  variables?: Record<string, string>;
}
