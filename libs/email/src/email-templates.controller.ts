import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RateLimit } from '@app/limits';
import { RequirePermissions } from '@app/rbac';
import { EmailContentDto } from './dto/email-content.dto';
import { EmailTemplateDto } from './dto/email-template.dto';
import { EmailTemplateListDto } from './dto/email-template-list.dto';
import { PreviewEmailTemplateDto } from './dto/preview-email-template.dto';
import { SendTestEmailDto } from './dto/send-test-email.dto';
import { TestEmailSentDto } from './dto/test-email-sent.dto';
import { UpdateEmailTemplateDto } from './dto/update-email-template.dto';
import { EmailTemplatesService } from './email-templates.service';

const KEY = { name: 'key', example: 'invitation', description: 'Template key from the catalog' };

@ApiTags('email templates')
@ApiBearerAuth('bearer')
@Controller('email-templates')
export class EmailTemplatesController {
  constructor(private readonly templates: EmailTemplatesService) {}

  @Get()
  @RequirePermissions('email_templates:read')
  @ApiOperation({ summary: 'Every email template sent on behalf of this tenant, with the version it sends and its variables' })
  @ApiOkResponse({ type: EmailTemplateListDto })
  @ApiProblems(401, 403)
  async list(): Promise<EmailTemplateListDto> {
    return { data: await this.templates.list() };
  }

  @Get(':key')
  @RequirePermissions('email_templates:read')
  @ApiOperation({ summary: 'One email template: the version this tenant sends, the default and the variables' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: EmailTemplateDto })
  @ApiProblems(401, 403, 404)
  get(@Param('key') key: string): Promise<EmailTemplateDto> {
    return this.templates.get(key);
  }

  @Put(':key')
  @RequirePermissions('email_templates:write')
  @ApiOperation({ summary: 'Save the tenant\'s own version of a template (unknown variables are refused with 422)' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: EmailTemplateDto })
  @ApiProblems(400, 401, 403, 404, 422)
  update(@Param('key') key: string, @Body() body: UpdateEmailTemplateDto): Promise<EmailTemplateDto> {
    return this.templates.update(key, body);
  }

  @Delete(':key')
  @HttpCode(204)
  @RequirePermissions('email_templates:write')
  @ApiOperation({ summary: 'Drop the tenant\'s version of a template: the default is sent again' })
  @ApiParam(KEY)
  @ApiNoContentResponse({ description: 'The default is in use' })
  @ApiProblems(401, 403, 404)
  async reset(@Param('key') key: string): Promise<void> {
    await this.templates.reset(key);
  }

  @Post(':key/preview')
  @HttpCode(200)
  @RequirePermissions('email_templates:read')
  @ApiOperation({ summary: 'Render draft or saved content with sample data (nothing is saved or sent)' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: EmailContentDto })
  @ApiProblems(400, 401, 403, 404, 422)
  preview(@Param('key') key: string, @Body() body: PreviewEmailTemplateDto): Promise<EmailContentDto> {
    return this.templates.preview(key, body);
  }

  @Post(':key/send-test')
  @HttpCode(202)
  @RequirePermissions('email_templates:write')
  @RateLimit('testEmails')
  @ApiOperation({ summary: 'Queue the template rendered with sample data to the caller or to `to`, a verified member of the tenant (RATE_LIMIT_TEST_EMAILS a minute)' })
  @ApiParam(KEY)
  @ApiAcceptedResponse({ type: TestEmailSentDto })
  @ApiProblems(400, 401, 403, 404, 422, 429)
  sendTest(@Param('key') key: string, @Body() body: SendTestEmailDto): Promise<TestEmailSentDto> {
    return this.templates.sendTest(key, body?.to);
  }
}
