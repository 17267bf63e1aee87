import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { NotWhileImpersonating, RequirePermissions } from '@app/rbac';
import { MemberListDto } from './dto/member-list.dto';
import { MemberQueryDto } from './dto/member-query.dto';
import { MemberDto } from './dto/member.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth('bearer')
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @RequirePermissions('members:read')
  @ApiOperation({ summary: 'List the members of the current tenant (search by name or email, filter by role)' })
  @ApiOkResponse({ type: MemberListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: MemberQueryDto): Promise<MemberListDto> {
    return this.members.list(query);
  }

  @Patch(':id')
  @RequirePermissions('members:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Change a member\'s roles or deactivate / reactivate them' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateMemberDto): Promise<MemberDto> {
    return this.members.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('members:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Remove a member from the tenant and end their sessions in it' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 401, 403, 404, 409)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.members.remove(id);
  }
}
