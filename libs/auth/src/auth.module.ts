import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { TenantsModule } from '@app/tenants';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsController } from './sessions.controller';
import { TokensService } from './tokens.service';
import { User } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    PassportModule,
    JwtModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => ({ secret: config.jwtSecret }) }),
    TenantsModule,
  ],
  controllers: [AuthController, SessionsController],
  providers: [AuthService, TokensService, JwtStrategy, AccessGuard, LoginThrottleService],
  exports: [AuthService, TokensService, AccessGuard],
})
export class AuthModule {}
