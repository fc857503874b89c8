import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { SessionController } from './session.controller';
import { SessionMiddlewareProvider } from './session-middleware.provider';

@Module({
  imports: [UsersModule, AuthModule],
  controllers: [SessionController],
  providers: [SessionMiddlewareProvider],
  exports: [SessionMiddlewareProvider],
})
export class SessionsModule {}
