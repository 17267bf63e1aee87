import { RateLimit } from '@app/limits';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { AllowInactiveTenant, Authenticated, NotWhileImpersonating, Public } from '@app/rbac';
import { AuthService } from './auth.service';
import { SignupService } from './signup.service';
import { CurrentPrincipal } from './current-principal.decorator';
import {
  ConfirmSignupDto,
  ForgotPasswordDto,
  LoginDto,
  MeDto,
  RefreshDto,
  ResetPasswordDto,
  SignupDto,
  SignupResultDto,
  SwitchTenantDto,
  TokensDto,
  TotpCodeDto,
  TotpSetupDto,
  VerifyEmailDto,
} from './dto/auth.dto';
import type { AuthenticatedPrincipal } from '@app/core';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signups: SignupService,
  ) {}

  @Post('signup')
  @RateLimit('signup')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for an account and a business (tenant) owned by it: the same answer whether or not the email has an account; the emailed link creates it' })
  @ApiResponse({ status: 202, description: 'A confirmation link (or, for an existing account, a notice) is on its way to the address' })
  @ApiProblems(400, 429)
  async signup(@Body() body: SignupDto): Promise<void> {
    await this.signups.request(body);
  }

  @Post('signup/confirm')
  @RateLimit('signup')
  @Public()
  @ApiOperation({ summary: 'Open a signup confirmation link: creates the verified account and its business, and signs in' })
  @ApiCreatedResponse({ type: SignupResultDto })
  @ApiProblems(400, 409, 410, 429)
  confirmSignup(@Body() body: ConfirmSignupDto): Promise<SignupResultDto> {
    return this.signups.confirm(body.token);
  }

  @Post('login')
  @RateLimit('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password (and a TOTP code when two-factor is on)' })
  @ApiOkResponse({ type: TokensDto })
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto): Promise<TokensDto> {
    return this.auth.login(body);
  }

  @Post('refresh')
  @RateLimit('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one stops working)' })
  @ApiOkResponse({ type: TokensDto })
  @ApiProblems(400, 401)
  refresh(@Body() body: RefreshDto): Promise<TokensDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @AllowInactiveTenant()
  @HttpCode(204)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'End the current session' })
  @ApiResponse({ status: 204, description: 'Signed out' })
  @ApiProblems(401)
  async logout(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() _body: EmptyBodyDto): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('me')
  @Authenticated()
  @AllowInactiveTenant()
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'The signed-in user, their memberships, active tenant and effective permissions' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  me(@CurrentPrincipal() principal: AuthenticatedPrincipal): Promise<MeDto> {
    return this.auth.me(principal);
  }

  @Post('switch-tenant')
  @Authenticated()
  @NotWhileImpersonating()
  @AllowInactiveTenant()
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Move the session to another tenant the user belongs to' })
  @ApiOkResponse({ type: TokensDto })
  @ApiProblems(400, 401, 403, 404)
  switchTenant(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() body: SwitchTenantDto): Promise<TokensDto> {
    return this.auth.switchTenant(principal, body.tenantId);
  }

  @Post('password/forgot')
  @RateLimit('passwordReset')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a password reset link (same answer whether or not the account exists)' })
  @ApiResponse({ status: 202, description: 'If the account exists, an email is on its way' })
  @ApiProblems(400)
  async forgot(@Body() body: ForgotPasswordDto): Promise<void> {
    await this.auth.forgotPassword(body.email);
  }

  @Post('password/reset')
  @RateLimit('passwordReset')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset token (signs out every session)' })
  @ApiResponse({ status: 204, description: 'Password changed' })
  @ApiProblems(400, 410)
  async reset(@Body() body: ResetPasswordDto): Promise<void> {
    await this.auth.resetPassword(body.token, body.password);
  }

  @Post('email/verify')
  @RateLimit('passwordReset')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm an email address with the emailed token' })
  @ApiResponse({ status: 204, description: 'Email verified' })
  @ApiProblems(400, 410)
  async verify(@Body() body: VerifyEmailDto): Promise<void> {
    await this.auth.verifyEmail(body.token);
  }

  @Post('email/resend')
  @Authenticated()
  @NotWhileImpersonating()
  @AllowInactiveTenant()
  @HttpCode(202)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Send the verification email again' })
  @ApiResponse({ status: 202, description: 'Email queued' })
  @ApiProblems(401, 403, 409)
  async resend(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() _body: EmptyBodyDto): Promise<void> {
    await this.auth.resendVerification(principal);
  }

  @Post('totp/setup')
  @Authenticated()
  @NotWhileImpersonating()
  @AllowInactiveTenant()
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Start two-factor setup: returns a new secret to confirm with /totp/enable' })
  @ApiCreatedResponse({ type: TotpSetupDto })
  @ApiProblems(401, 403, 409)
  totpSetup(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() _body: EmptyBodyDto): Promise<TotpSetupDto> {
    return this.auth.totpSetup(principal);
  }

  @Post('totp/enable')
  @RateLimit('login')
  @Authenticated()
  @NotWhileImpersonating()
  @AllowInactiveTenant()
  @HttpCode(204)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Turn two-factor on by confirming a code from the new secret' })
  @ApiResponse({ status: 204, description: 'Two-factor is on' })
  @ApiProblems(400, 401, 403, 409)
  async totpEnable(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() body: TotpCodeDto): Promise<void> {
    await this.auth.totpEnable(principal, body.code);
  }

  @Post('totp/disable')
  @RateLimit('login')
  @Authenticated()
  @NotWhileImpersonating()
  @AllowInactiveTenant()
  @HttpCode(204)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Turn two-factor off (needs a current code)' })
  @ApiResponse({ status: 204, description: 'Two-factor is off' })
  @ApiProblems(400, 401, 403, 409)
  async totpDisable(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() body: TotpCodeDto): Promise<void> {
    await this.auth.totpDisable(principal, body.code);
  }
}
