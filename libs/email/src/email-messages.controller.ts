import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { EmailMessageListDto } from './dto/email-message-list.dto';
import { EmailMessageQueryDto } from './dto/email-message-query.dto';
import { EmailMessagesService } from './email-messages.service';

@ApiTags('email templates')
@ApiBearerAuth('bearer')
@Controller('email-messages')
export class EmailMessagesController {
  constructor(private readonly messages: EmailMessagesService) {}

  @Get()
  @RequirePermissions('email_templates:read')
  @ApiOperation({ summary: 'Emails sent by this tenant, newest first (filter by status to see failures and bounces)' })
  @ApiOkResponse({ type: EmailMessageListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: EmailMessageQueryDto): Promise<EmailMessageListDto> {
    return this.messages.list(query);
  }
}
