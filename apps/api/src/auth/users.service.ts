import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from './passwords';
import { USER_COLUMNS, UserEntity } from './persistence/user.entity';
import { type Role } from './roles';
import { SessionsService } from './sessions.service';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export interface UserChange {
  name?: string;
  role?: Role;
  password?: string;
}

const LAST_ADMIN = 'A workspace with admins keeps at least one: make someone else admin first';

/** Postgres unique_violation on users.email. */
function isEmailTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string } };
  return (e.driverError?.code ?? e.code) === '23505';
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  list(workspaceId: string): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({
      where: { workspaceId },
      select: USER_COLUMNS,
      order: { email: 'ASC' },
      take: 1000,
    });
  }

  async create(workspaceId: string, user: NewUser, manager?: EntityManager): Promise<UserEntity> {
    const passwordHash = await hashPassword(user.password);
    const users = (manager ?? this.dataSource.manager).getRepository(UserEntity);
    try {
      const { identifiers } = await users.insert({
        workspaceId,
        email: user.email.toLowerCase(),
        name: user.name,
        role: user.role,
        passwordHash,
      });
      return await users.findOneOrFail({ where: { id: identifiers[0].id as string }, select: USER_COLUMNS });
    } catch (error) {
      if (isEmailTaken(error))
        throw new ConflictException(`A user with the email ${user.email} already exists`);
      throw error;
    }
  }

  /** Whether an email can still be given to a new user (emails are unique across workspaces). */
  async emailTaken(email: string): Promise<boolean> {
    return this.dataSource.getRepository(UserEntity).existsBy({ email: email.toLowerCase() });
  }

  /** A new password signs the user out everywhere; a new role applies to their next request. */
  async update(workspaceId: string, id: string, change: UserChange): Promise<UserEntity> {
    const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
    return this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(UserEntity);
      const losesAdmin = change.role !== undefined && change.role !== 'admin';
      await this.lockForChange(manager, workspaceId, id, losesAdmin);
      await users.update(
        { id },
        {
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.role !== undefined ? { role: change.role } : {}),
          ...(passwordHash !== undefined ? { passwordHash } : {}),
        },
      );
      if (passwordHash !== undefined) await this.sessions.revokeAll(manager, id);
      return users.findOneOrFail({ where: { id }, select: USER_COLUMNS });
    });
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockForChange(manager, workspaceId, id, true);
      await manager.getRepository(UserEntity).delete({ id });
    });
  }

  /**
   * Locks the workspace's admins (in a fixed order, so concurrent changes queue instead of
   * deadlocking) and the user, then refuses to take away the last admin.
   */
  private async lockForChange(
    manager: EntityManager,
    workspaceId: string,
    id: string,
    losesAdmin: boolean,
  ): Promise<void> {
    const admins: { id: string }[] = await manager.query(
      `SELECT id FROM users WHERE workspace_id = $1 AND role = 'admin' ORDER BY id FOR UPDATE`,
      [workspaceId],
    );
    const user = await manager.getRepository(UserEntity).findOne({
      where: { workspaceId, id },
      select: USER_COLUMNS,
      lock: { mode: 'pessimistic_write' },
    });
    if (!user) throw new NotFoundException(`User ${id} not found`);
    if (losesAdmin && user.role === 'admin' && admins.length === 1) throw new ConflictException(LAST_ADMIN);
  }
}
