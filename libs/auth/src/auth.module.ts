import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, jwtKey } from '@app/core';
import { AdminTenantsModule, TenantsModule } from '@app/tenants';
import { AccessGuard } from './access.guard';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ImpersonationController } from './impersonation.controller';
import { InvitationAcceptanceController } from './invitation-acceptance.controller';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { LoginThrottleService } from './login-throttle.service';
import { PrincipalService } from './principal/principal.service';
import { SessionActivity } from './principal/session-activity';
import { SessionsController } from './sessions.controller';
import { SignupService } from './signup.service';
import { TokensService } from './tokens.service';
import { User } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ secret: jwtKey(config) }) }),
    TenantsModule,
    AdminTenantsModule,
  ],
  controllers: [AuthController, SessionsController, ImpersonationController, InvitationAcceptanceController, ApiKeysController],
  providers: [AuthService, SignupService, TokensService, AccessGuard, LoginThrottleService, InvitationAcceptanceService, ApiKeysService, PrincipalService, SessionActivity],
  exports: [AuthService, TokensService, AccessGuard, PrincipalService],
})
export class AuthModule {}
