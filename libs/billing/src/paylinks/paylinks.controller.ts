import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto, PageQueryDto } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { PaylinkCreateDto, PaylinkQueryDto, PaylinkUpdateDto } from './dto/paylink-input.dto';
import { PaylinkDto, PaylinkListDto, PaylinkRemovalDto, PaylinkVersionListDto } from './dto/paylink.dto';
import { PaylinksService } from './paylinks.service';

@ApiTags('paylinks')
@ApiBearerAuth('bearer')
@Controller('paylinks')
export class PaylinksController {
  constructor(private readonly paylinks: PaylinksService) {}

  @Get()
  @RequirePermissions('paylinks:read')
  @ApiOperation({ summary: 'List the business\'s pay links, newest first (filter by status, expired included; search title or slug)' })
  @ApiOkResponse({ type: PaylinkListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: PaylinkQueryDto): Promise<PaylinkListDto> {
    return this.paylinks.list(query);
  }

  @Post()
  @RequirePermissions('paylinks:write')
  @ApiOperation({ summary: 'Create a pay link: fixed or customer-chosen amount (or a linked one-time price), slug, expiry, max uses, custom fields' })
  @ApiCreatedResponse({ type: PaylinkDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(@Body() body: PaylinkCreateDto): Promise<PaylinkDto> {
    return this.paylinks.create(body);
  }

  @Get(':id')
  @RequirePermissions('paylinks:read')
  @ApiOperation({ summary: 'One pay link with its uses, open checkouts and revenue' })
  @ApiOkResponse({ type: PaylinkDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PaylinkDto> {
    return this.paylinks.get(id);
  }

  @Patch(':id')
  @RequirePermissions('paylinks:write')
  @ApiOperation({ summary: 'Edit a pay link; changing the amount or currency makes a new version (past payments keep theirs)' })
  @ApiOkResponse({ type: PaylinkDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: PaylinkUpdateDto): Promise<PaylinkDto> {
    return this.paylinks.update(id, body);
  }

  @Delete(':id')
  @RequirePermissions('paylinks:write')
  @ApiOperation({ summary: 'Delete a pay link, or archive it when it has payments or open checkouts' })
  @ApiOkResponse({ type: PaylinkRemovalDto })
  @ApiProblems(400, 401, 403, 404)
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<PaylinkRemovalDto> {
    return this.paylinks.remove(id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermissions('paylinks:write')
  @ApiOperation({ summary: 'Let the pay link sell again' })
  @ApiOkResponse({ type: PaylinkDto })
  @ApiProblems(400, 401, 403, 404, 409)
  activate(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto): Promise<PaylinkDto> {
    return this.paylinks.setActive(id, true);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermissions('paylinks:write')
  @ApiOperation({ summary: 'Stop the pay link selling (its page says so); open checkouts can still be paid' })
  @ApiOkResponse({ type: PaylinkDto })
  @ApiProblems(400, 401, 403, 404, 409)
  deactivate(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto): Promise<PaylinkDto> {
    return this.paylinks.setActive(id, false);
  }

  @Get(':id/versions')
  @RequirePermissions('paylinks:read')
  @ApiOperation({ summary: 'The amount history of a pay link, newest first: amount, currency, who changed it, when' })
  @ApiOkResponse({ type: PaylinkVersionListDto })
  @ApiProblems(400, 401, 403, 404)
  versions(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto): Promise<PaylinkVersionListDto> {
    return this.paylinks.versions(id, query);
  }
}
