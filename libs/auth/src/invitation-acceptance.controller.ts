import { RateLimit } from '@app/limits';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { Public } from '@app/rbac';
import { TokensDto } from './dto/auth.dto';
import { AcceptInvitationDto, InvitationLookupDto, InvitationTokenDto } from './dto/invitation-acceptance.dto';
import { InvitationAcceptanceService } from './invitation-acceptance.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationAcceptanceController {
  constructor(private readonly acceptance: InvitationAcceptanceService) {}

  @Post('lookup')
  @RateLimit('passwordReset')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'What an invitation link is for: the invited email, the business, and whether an account exists' })
  @ApiOkResponse({ type: InvitationLookupDto })
  @ApiProblems(400, 404, 410)
  lookup(@Body() body: InvitationTokenDto): Promise<InvitationLookupDto> {
    return this.acceptance.lookup(body.token);
  }

  @Post('accept')
  @RateLimit('signup')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation (creating the account when needed) and sign in to the inviting business' })
  @ApiOkResponse({ type: TokensDto })
  @ApiProblems(400, 401, 404, 409, 410, 429)
  accept(@Body() body: AcceptInvitationDto): Promise<TokensDto> {
    return this.acceptance.accept(body);
  }
}
