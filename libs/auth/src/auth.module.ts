import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
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
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsController } from './sessions.controller';
import { SignupService } from './signup.service';
import { TokensService } from './tokens.service';
import { User } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    PassportModule,
    JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ secret: jwtKey(config) }) }),
    TenantsModule,
    AdminTenantsModule,
  ],
  controllers: [AuthController, SessionsController, ImpersonationController, InvitationAcceptanceController, ApiKeysController],
  providers: [AuthService, SignupService, TokensService, JwtStrategy, AccessGuard, LoginThrottleService, InvitationAcceptanceService, ApiKeysService],
  exports: [AuthService, TokensService, AccessGuard],
})
export class AuthModule {}
