import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AppConfig, DomainErrorCode, DomainException, Public, RateLimit } from '@gantry/core';
import type { Request, Response } from 'express';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AppUser } from '../users/app-user.entity';
import { UserService } from '../users/user.service';
import { AcceptInvitationDto } from './dtos/accept-invitation.dto';
import { SessionResponse } from './dtos/session.response';
import { SignInDto } from './dtos/sign-in.dto';
import { CsrfToken } from './csrf-token';
import { CSRF_HEADER, SESSION_COOKIE, sessionCookieOptions } from './session-cookie';
import './session-data';

const WRONG_CREDENTIALS = 'The e-mail or password is wrong';

/** Sign-in with e-mail and password into a server-side session (cookie gantry_session), for the admin. */
@ApiTags('users and sign-in')
@Controller('auth')
export class SessionController {
  constructor(
    private readonly users: UserService,
    private readonly guard: ApiKeyGuard,
    private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @Public()
  // Beside the per-account lockout: slows one address trying many accounts, and many addresses trying one account.
  @RateLimit('sign-in', { per: 'ip', limit: 10, windowSeconds: 60 }, { per: 'email', limit: 20, windowSeconds: 15 * 60 })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Starts a session (httpOnly cookie `gantry_session`, 12 h, extended by each request) and answers its CSRF token. ' +
      'After 5 wrong passwords in a row the account is locked for 15 minutes, doubling with each further failure (429 with Retry-After).',
  })
  @ApiOkResponse({ type: SessionResponse, description: 'Signed in; the cookie is set' })
  @ApiUnauthorizedResponse({ description: 'The e-mail or password is wrong, or the person is deactivated (one message for all)' })
  @ApiTooManyRequestsResponse({
    description:
      'Locked after repeated failures, or rate limited (10 per minute per client address, 20 per 15 min per e-mail); Retry-After says for how many seconds',
  })
  @ApiBody({
    type: SignInDto,
    examples: { signIn: { summary: 'Sign in', value: { email: 'admin@example.com', password: 'correct horse battery staple' } } },
  })
  async signIn(@Body() dto: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    const result = await this.users.signIn(dto.email, dto.password);
    if (result.kind === 'locked') {
      res.setHeader('Retry-After', String(result.retryAfterSeconds));
      throw new HttpException('Too many failed sign-ins: try again later', HttpStatus.TOO_MANY_REQUESTS);
    }
    if (result.kind === 'invalid') {
      throw new DomainException(DomainErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS);
    }
    return this.startSession(req, result.user);
  }

  @Post('sign-out')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out', description: 'Ends the session and clears its cookie; without a session it does nothing.' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiForbiddenResponse({ description: 'A session without its X-CSRF-Token' })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (!req.session?.userId) {
      return;
    }
    if (!CsrfToken.matches(req.session.csrfToken, req.headers[CSRF_HEADER])) {
      throw new DomainException(DomainErrorCode.FORBIDDEN, "Send the session's CSRF token as X-CSRF-Token");
    }
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((error: unknown) =>
        error ? reject(error instanceof Error ? error : new Error('The session store failed')) : resolve(),
      ),
    );
    const { httpOnly, sameSite, secure, path } = sessionCookieOptions(this.config.NODE_ENV);
    res.clearCookie(SESSION_COOKIE, { httpOnly, sameSite, secure, path });
  }

  @Get('session')
  @Public()
  @ApiOperation({ summary: 'The signed-in person', description: 'The person of this session and its CSRF token; 401 when signed out.' })
  @ApiOkResponse({ type: SessionResponse, description: 'Signed in' })
  @ApiUnauthorizedResponse({ description: 'No session, or it ended' })
  async session(@Req() req: Request): Promise<SessionResponse> {
    const principal = await this.guard.sessionPrincipal(req);
    if (!principal?.userId) {
      throw new DomainException(DomainErrorCode.UNAUTHENTICATED, 'Not signed in');
    }
    req.session.csrfToken ??= CsrfToken.create();
    return { user: { id: principal.userId, email: principal.name, role: principal.role }, csrfToken: req.session.csrfToken };
  }

  @Post('accept-invitation')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation',
    description: 'Sets the password of an invited person, activates them and signs them in. Each link works once, for 7 days.',
  })
  @ApiOkResponse({ type: SessionResponse, description: 'Signed in; the cookie is set' })
  @ApiNotFoundResponse({ description: 'The invitation is unknown, already used or expired' })
  @ApiBody({
    type: AcceptInvitationDto,
    examples: {
      accept: {
        summary: 'Choose a password',
        value: { token: '3q2-7wX9kR1mZ4bN8vT0yL6pQ5sD2fG7hJ9kA1cE3uI', password: 'correct horse battery staple' },
      },
    },
  })
  async acceptInvitation(@Body() dto: AcceptInvitationDto, @Req() req: Request): Promise<SessionResponse> {
    return this.startSession(req, await this.users.acceptInvitation(dto.token, dto.password));
  }

  /** A new session id (no fixation), the person and a new CSRF token. */
  private async startSession(req: Request, user: AppUser): Promise<SessionResponse> {
    await new Promise<void>((resolve, reject) =>
      req.session.regenerate((error: unknown) =>
        error ? reject(error instanceof Error ? error : new Error('The session store failed')) : resolve(),
      ),
    );
    req.session.userId = user.id;
    req.session.csrfToken = CsrfToken.create();
    await new Promise<void>((resolve, reject) =>
      req.session.save((error: unknown) =>
        error ? reject(error instanceof Error ? error : new Error('The session store failed')) : resolve(),
      ),
    );
    return { user: { id: user.id, email: user.email, role: user.role }, csrfToken: req.session.csrfToken };
  }
}
