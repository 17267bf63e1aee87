import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { NotWhileImpersonating, RequirePermissions } from '@app/rbac';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyQueryDto } from './dto/api-key-query.dto';
import { ApiKeyDto, ApiKeyListDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth('bearer')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @RequirePermissions('api_keys:read')
  @ApiOperation({ summary: 'List the tenant\'s API keys with their usage, newest first' })
  @ApiOkResponse({ type: ApiKeyListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: ApiKeyQueryDto): Promise<ApiKeyListDto> {
    return this.apiKeys.list(query);
  }

  @Get(':id')
  @RequirePermissions('api_keys:read')
  @ApiOperation({ summary: 'One API key (never its secret)' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyDto> {
    return this.apiKeys.get(id);
  }

  @Post()
  @RequirePermissions('api_keys:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Create an API key; the secret is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400, 401, 403)
  create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('api_keys:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 401, 403, 404, 409)
  async revoke(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}
