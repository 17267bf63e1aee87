import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsTemplateVariables, TEMPLATE_VARIABLE_LIMITS } from './template-variables.validator';

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
    additionalProperties: { type: 'string', maxLength: TEMPLATE_VARIABLE_LIMITS.maxValueLength },
    maxProperties: TEMPLATE_VARIABLE_LIMITS.maxEntries,
    description: 'Values replacing the sample data of the template\'s variables',
    example: { name: 'Grace' },
  })
  @IsOptional()
  @IsTemplateVariables()
  variables?: Record<string, string>;
}
