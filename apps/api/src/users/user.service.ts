import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig, AuditService, DomainException, Role } from '@gantry/core';
import { DataSource, Repository } from 'typeorm';
import { AppUser } from './app-user.entity';
import { LockoutPolicy } from './lockout-policy';
import { PasswordHasher } from './password-hasher';
import { UserInvitation } from './user-invitation.entity';

/** The outcome of a sign-in attempt; `invalid` covers unknown e-mails, wrong passwords and deactivated people alike. */
export type SignInResult = { kind: 'ok'; user: AppUser } | { kind: 'invalid' } | { kind: 'locked'; retryAfterSeconds: number };

export const INVITATION_DAYS = 7;
export const MIN_PASSWORD_LENGTH = 12;

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
/** The rows of an UPDATE … RETURNING: TypeORM's postgres driver answers [rows, affected] for it. */
const returned = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]));
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** People of the admin: creation, sign-in with lockout, invitations, role and activity changes. */
@Injectable()
export class UserService {
  private readonly hasher = new PasswordHasher();
  private readonly lockout = new LockoutPolicy();
  // Verified against when the e-mail is unknown, so that the answer takes as long as for a known one.
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectRepository(AppUser) private readonly users: Repository<AppUser>,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<AppUser[]> {
    return this.users.find({ order: { email: 'ASC' } });
  }

  findActive(id: string): Promise<AppUser | null> {
    return this.users.findOneBy({ id, active: true });
  }

  /** A signed-up, active person with this password (the CLI's `user create`). 409 when the e-mail is taken. */
  async create(email: string, role: Role, password: string): Promise<AppUser> {
    this.checkPassword(password);
    await this.ensureFree(email);
    const passwordHash = await this.hasher.hash(password);
    // The person and their audit entry in one transaction: a committed change always has its entry.
    return this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(AppUser);
      const user = await users.save(users.create({ email: normalizeEmail(email), role, active: true, passwordHash }));
      await this.audit.record(manager, { action: 'user.create', targetType: 'user', targetId: user.id, after: auditable(user) });
      return user;
    });
  }

  async signIn(email: string, password: string, now = new Date()): Promise<SignInResult> {
    const user = await this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = :email', { email: normalizeEmail(email) })
      .getOne();
    if (!user?.passwordHash) {
      this.dummyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
      await this.hasher.verify(password, await this.dummyHash);
      return { kind: 'invalid' };
    }
    const wait = this.lockout.retryAfterSeconds(user.lockedUntil, now);
    if (wait > 0) {
      return { kind: 'locked', retryAfterSeconds: wait };
    }
    if (!(await this.hasher.verify(password, user.passwordHash))) {
      const rows = returned<{ failed_attempts: number }>(
        await this.dataSource.query(
          `UPDATE app_user SET failed_attempts = failed_attempts + 1, updated_at = now() WHERE id = $1 RETURNING failed_attempts`,
          [user.id],
        ),
      );
      const failures = rows[0]?.failed_attempts ?? 1;
      const { lockedUntil } = this.lockout.afterFailure(failures, now);
      if (lockedUntil) {
        await this.users.update({ id: user.id }, { lockedUntil });
        return { kind: 'locked', retryAfterSeconds: this.lockout.retryAfterSeconds(lockedUntil, now) };
      }
      return { kind: 'invalid' };
    }
    if (!user.active) {
      return { kind: 'invalid' };
    }
    const changes: Partial<AppUser> = { failedAttempts: 0, lockedUntil: null, lastSignInAt: now };
    if (this.hasher.needsRehash(user.passwordHash)) {
      changes.passwordHash = await this.hasher.hash(password);
    }
    await this.users.update({ id: user.id }, changes);
    return { kind: 'ok', user: { ...user, ...changes } };
  }

  /**
   * An inactive person with this e-mail and role, and a one-time link (valid 7 days) to choose a password. Inviting a
   * person again who has not accepted yet replaces their earlier links (and role); 409 for anyone who has a password.
   */
  async invite(email: string, role: Role, invitedBy: string | null): Promise<{ user: AppUser; url: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000);
    const user = await this.dataSource.transaction(async (manager) => {
      const existing = await manager
        .createQueryBuilder(AppUser, 'u')
        .setLock('pessimistic_write')
        .where('lower(u.email) = :email', { email: normalizeEmail(email) })
        .getOne();
      if (existing && existing.passwordHash !== null) {
        throw DomainException.conflict('A user with this e-mail exists', 'email');
      }
      let invited: AppUser;
      if (existing) {
        await manager.query(`UPDATE user_invitation SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [existing.id]);
        await manager.update(AppUser, { id: existing.id }, { role });
        invited = await manager.findOneByOrFail(AppUser, { id: existing.id });
      } else {
        invited = await manager.save(manager.create(AppUser, { email: normalizeEmail(email), role, active: false, passwordHash: null }));
      }
      await manager.save(
        manager.create(UserInvitation, { userId: invited.id, tokenHash: tokenHash(token), expiresAt, createdBy: invitedBy }),
      );
      const before = existing && auditable(existing);
      await this.audit.record(manager, {
        action: 'user.invite',
        targetType: 'user',
        targetId: invited.id,
        before,
        after: auditable(invited),
      });
      return invited;
    });
    const url = new URL('/admin/accept-invitation', this.config.APP_URL);
    url.searchParams.set('token', token);
    return { user, url: url.toString(), expiresAt };
  }

  /** Uses an invitation once: sets the password and activates the person. 404 for an unknown, used or expired token. */
  async acceptInvitation(token: string, password: string): Promise<AppUser> {
    this.checkPassword(password);
    const passwordHash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (manager) => {
      const used = returned<{ user_id: string }>(
        await manager.query(
          `UPDATE user_invitation SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
          [tokenHash(token)],
        ),
      );
      const userId = used[0]?.user_id;
      if (!userId) {
        throw DomainException.notFound('This invitation is unknown, already used or expired; ask an admin for a new one', 'token');
      }
      const before = await manager.findOneByOrFail(AppUser, { id: userId });
      await manager.update(AppUser, { id: userId }, { passwordHash, active: true, failedAttempts: 0, lockedUntil: null });
      const after = await manager.findOneByOrFail(AppUser, { id: userId });
      // Nobody is signed in yet: the person accepting is the actor.
      const actor = { kind: 'user' as const, id: userId, label: after.email };
      await this.audit.record(manager, {
        action: 'user.accept-invitation',
        targetType: 'user',
        targetId: userId,
        before: auditable(before),
        after: auditable(after),
        actor,
      });
      return after;
    });
  }

  /** Changes a person's role or activity; 409 when that would leave no active admin with a password. */
  async update(id: string, changes: { role?: Role; active?: boolean }): Promise<AppUser> {
    return this.dataSource.transaction(async (manager) => {
      // Lock every admin row: two concurrent demotions cannot both see "another admin remains".
      const admins: { id: string }[] = await manager.query(
        `SELECT id FROM app_user WHERE role = 'admin' AND active AND password_hash IS NOT NULL ORDER BY id FOR UPDATE`,
      );
      const user = await manager.findOneBy(AppUser, { id });
      if (!user) {
        throw DomainException.notFound('No user with this id');
      }
      const next = { ...user, ...changes };
      const wasCountedAdmin = admins.some((a) => a.id === id);
      const staysAdmin = next.role === Role.ADMIN && next.active;
      if (wasCountedAdmin && !staysAdmin && admins.length <= 1) {
        throw DomainException.conflict('This is the last active admin: make another person admin first');
      }
      await manager.update(
        AppUser,
        { id },
        { ...(changes.role ? { role: changes.role } : {}), ...(changes.active !== undefined ? { active: changes.active } : {}) },
      );
      const after = await manager.findOneByOrFail(AppUser, { id });
      for (const action of userChangeActions(user, after)) {
        await this.audit.record(manager, { action, targetType: 'user', targetId: id, before: auditable(user), after: auditable(after) });
      }
      return after;
    });
  }

  private checkPassword(password: string): void {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw DomainException.invalid(`The password must have at least ${MIN_PASSWORD_LENGTH} characters`, [
        { field: 'password', message: `password must have at least ${MIN_PASSWORD_LENGTH} characters` },
      ]);
    }
  }

  private async ensureFree(email: string): Promise<void> {
    const taken = await this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = :email', { email: normalizeEmail(email) })
      .getExists();
    if (taken) {
      throw DomainException.conflict('A user with this e-mail exists', 'email');
    }
  }
}

// What the audit log keeps of a person: never their password hash or lockout state.
const auditable = (user: AppUser) => ({ email: user.email, role: user.role, active: user.active, signedUp: user.passwordHash !== null });

function userChangeActions(before: AppUser, after: AppUser): ('user.role.change' | 'user.activate' | 'user.deactivate')[] {
  return [
    ...(before.role !== after.role ? (['user.role.change'] as const) : []),
    ...(before.active !== after.active ? [after.active ? ('user.activate' as const) : ('user.deactivate' as const)] : []),
  ];
}
