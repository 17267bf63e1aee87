import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { RateLimit } from '@app/limits';
import { NotWhileImpersonating, RequirePermissions } from '@app/rbac';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationListDto } from './dto/invitation-list.dto';
import { InvitationQueryDto } from './dto/invitation-query.dto';
import { InvitationDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@ApiBearerAuth('bearer')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @RequirePermissions('invitations:read')
  @ApiOperation({ summary: 'List the invitations of the current tenant, newest first' })
  @ApiOkResponse({ type: InvitationListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: InvitationQueryDto): Promise<InvitationListDto> {
    return this.invitations.list(query);
  }

  @Post()
  @RateLimit('invitations')
  @RequirePermissions('invitations:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Invite someone by email with the given roles (the link is valid 48 hours)' })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() body: CreateInvitationDto): Promise<InvitationDto> {
    return this.invitations.create(body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('invitations:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Revoke a pending invitation (its link stops working)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 401, 403, 404, 409)
  async revoke(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.invitations.revoke(id);
  }

  @Post(':id/resend')
  @RateLimit('invitations')
  @HttpCode(200)
  @RequirePermissions('invitations:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Email a new link for another 48 hours (the previous link stops working)' })
  @ApiOkResponse({ type: InvitationDto })
  @ApiProblems(400, 401, 403, 404, 409)
  resend(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto): Promise<InvitationDto> {
    return this.invitations.resend(id);
  }
}
