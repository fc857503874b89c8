import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RateLimit, RequireRole, Role } from '@gantry/core';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { InvitationResponse } from './dtos/invitation.response';
import { InviteUserDto } from './dtos/invite-user.dto';
import { UpdateUserDto } from './dtos/update-user.dto';
import { UserResponse } from './dtos/user.response';
import { UserService } from './user.service';
import { toUserView } from './user.view';

@ApiTags('users and sign-in')
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: 'List the people of the admin',
    description: 'Everyone who can sign in, was invited or was deactivated, by e-mail.',
  })
  @ApiOkResponse({ type: [UserResponse], description: 'The people' })
  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(toUserView);
  }

  @Post('invitations')
  @RequireRole(Role.ADMIN)
  // Each invitation is a live credential (a link that sets a password): few are ever needed in an hour.
  @RateLimit('invitation-create', { per: 'principal', limit: 20, windowSeconds: 60 * 60 })
  @ApiOperation({
    summary: 'Invite a person',
    description:
      'Creates the person (inactive) and a one-time link, valid 7 days, to choose a password: `POST /auth/accept-invitation`. The link is shown once.',
  })
  @ApiCreatedResponse({ type: InvitationResponse, description: 'The invited person and the link, shown once' })
  @ApiConflictResponse({
    description:
      'A person with this e-mail has already signed up (field email); inviting someone who has not accepted yet sends a new link',
  })
  @ApiBody({
    type: InviteUserDto,
    examples: { operator: { summary: 'An operator', value: { email: 'ops@example.com', role: 'operator' } } },
  })
  async invite(@Body() dto: InviteUserDto, @Req() request: AuthenticatedRequest): Promise<InvitationResponse> {
    const { user, url, expiresAt } = await this.users.invite(dto.email, dto.role, request.principal?.name ?? null);
    return { user: toUserView(user), invitationUrl: url, expiresAt };
  }

  @Patch(':id')
  @RequireRole(Role.ADMIN)
  @ApiOperation({
    summary: "Change a person's role or deactivate them",
    description:
      'A deactivated person can no longer sign in; their open sessions stop working at once. The last active admin cannot be demoted or deactivated.',
  })
  @ApiOkResponse({ type: UserResponse, description: 'The person after the change' })
  @ApiNotFoundResponse({ description: 'No person with this id' })
  @ApiConflictResponse({ description: 'The change would leave no active admin' })
  @ApiBody({
    type: UpdateUserDto,
    examples: {
      role: { summary: 'Change the role', value: { role: 'integration_manager' } },
      deactivate: { summary: 'Deactivate', value: { active: false } },
    },
  })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return toUserView(await this.users.update(id, dto));
  }
}
