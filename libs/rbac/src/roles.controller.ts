import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from './decorators';
import { CreateRoleDto, PermissionListDto, RoleDto, RoleListDto, UpdateRoleDto } from './dto/role.dto';
import { TENANT_PERMISSIONS } from './permissions';
import { RolesService } from './roles.service';

@ApiTags('roles')
@ApiBearerAuth('bearer')
@Controller()
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get('roles')
  @RequirePermissions('roles:read')
  @ApiOperation({ summary: 'List the roles of the current tenant' })
  @ApiOkResponse({ type: RoleListDto })
  @ApiProblems(401, 403)
  async list(): Promise<RoleListDto> {
    return { data: await this.roles.list() };
  }

  @Post('roles')
  @RequirePermissions('roles:write')
  @ApiOperation({ summary: 'Create a custom role' })
  @ApiCreatedResponse({ type: RoleDto })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() body: CreateRoleDto): Promise<RoleDto> {
    return this.roles.create(body);
  }

  @Patch('roles/:id')
  @RequirePermissions('roles:write')
  @ApiOperation({ summary: 'Change a custom role' })
  @ApiOkResponse({ type: RoleDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateRoleDto): Promise<RoleDto> {
    return this.roles.update(id, body);
  }

  @Delete('roles/:id')
  @HttpCode(204)
  @RequirePermissions('roles:write')
  @ApiOperation({ summary: 'Delete a custom role that no member holds' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.roles.remove(id);
  }

  @Get('permissions')
  @RequirePermissions('roles:read')
  @ApiOperation({ summary: 'List every permission a role can hold' })
  @ApiOkResponse({ type: PermissionListDto })
  @ApiProblems(401, 403)
  permissions(): PermissionListDto {
    return { data: TENANT_PERMISSIONS };
  }
}
