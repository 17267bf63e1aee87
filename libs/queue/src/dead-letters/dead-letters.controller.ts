import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { DeadLettersService } from './dead-letters.service';
import { DeadLetterDto } from './dto/dead-letter.dto';
import { DeadLetterListDto } from './dto/dead-letter-list.dto';
import { DeadLetterQueryDto } from './dto/dead-letter-query.dto';
import { DiscardDeadLetterDto } from './dto/discard-dead-letter.dto';
import { ReplayDeadLettersDto } from './dto/replay-dead-letters.dto';
import { ReplayDeadLettersResultDto } from './dto/replay-dead-letters-result.dto';

/** Platform staff's dead letters: jobs that used up their retries, to replay or discard. */
@ApiTags('admin: dead letters')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @RequirePermissions('platform.jobs:read')
  @ApiOperation({ summary: 'List dead letters (newest failure first)' })
  @ApiOkResponse({ type: DeadLetterListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: DeadLetterQueryDto): Promise<DeadLetterListDto> {
    return this.deadLetters.list(query);
  }

  @Post('replay')
  @HttpCode(200)
  @RequirePermissions('platform.jobs:write')
  @ApiOperation({ summary: 'Replay many dead letters through the outbox (one result per id)' })
  @ApiOkResponse({ type: ReplayDeadLettersResultDto })
  @ApiProblems(400, 401, 403)
  async replayMany(@Body() body: ReplayDeadLettersDto): Promise<ReplayDeadLettersResultDto> {
    return { results: await this.deadLetters.replayMany(body.ids) };
  }

  @Get(':id')
  @RequirePermissions('platform.jobs:read')
  @ApiOperation({ summary: 'One dead letter with its payload, error and stack' })
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<DeadLetterDto> {
    return this.deadLetters.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequirePermissions('platform.jobs:write')
  @ApiOperation({ summary: 'Replay an open dead letter: the same payload as a new job through the outbox' })
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiProblems(400, 401, 403, 404, 409)
  replay(@Param('id', ParseUUIDPipe) id: string): Promise<DeadLetterDto> {
    return this.deadLetters.replay(id);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @RequirePermissions('platform.jobs:write')
  @ApiOperation({ summary: 'Discard an open dead letter with a reason' })
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiProblems(400, 401, 403, 404, 409)
  discard(@Param('id', ParseUUIDPipe) id: string, @Body() body: DiscardDeadLetterDto): Promise<DeadLetterDto> {
    return this.deadLetters.discard(id, body.reason);
  }
}
