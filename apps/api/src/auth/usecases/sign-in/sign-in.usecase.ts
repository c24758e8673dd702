import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { verifyAgainstDecoy, verifyPassword } from '../../passwords';
import { USER_COLUMNS, UserEntity } from '../../persistence/user.entity';
import { type IssuedSession, SessionsService } from '../../sessions.service';
import { afterFailure, blockedUntil, NO_FAILURES } from '../../sign-in-throttle';

export interface SignInCommand {
  /** As typed; compared lower-cased. */
  email: string;
  password: string;
}

export interface SignedIn extends IssuedSession {
  user: UserEntity;
}

/** Thrown as 429 with `Retry-After`; the same answer whether or not the password was right. */
export class TooManySignInsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many failed sign-ins for this account: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

type Outcome =
  { kind: 'signed-in'; signedIn: SignedIn } | { kind: 'wrong' } | { kind: 'blocked'; until: Date };

const WRONG = 'Email or password is incorrect';

@Injectable()
export class SignInUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Checks the password with the user row locked, so concurrent guesses on one account queue up
   * and each is counted: the failure count commits even though the sign-in is refused.
   */
  async execute({ email, password }: SignInCommand, now = new Date()): Promise<SignedIn> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const users = manager.getRepository(UserEntity);
      const user = await users.findOne({
        where: { email: email.trim().toLowerCase() },
        // The hash is not selected by default, so it is never presented by accident.
        select: { ...USER_COLUMNS, passwordHash: true, failedSignIns: true, failedSignInsSince: true },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) {
        await verifyAgainstDecoy(password);
        return { kind: 'wrong' };
      }
      const failures = { count: user.failedSignIns, since: user.failedSignInsSince };
      const until = blockedUntil(failures, now);
      if (until) return { kind: 'blocked', until };

      if (!(await verifyPassword(password, user.passwordHash))) {
        const next = afterFailure(failures, now);
        await users.update({ id: user.id }, { failedSignIns: next.count, failedSignInsSince: next.since });
        return { kind: 'wrong' };
      }
      if (failures.count > 0) {
        await users.update(
          { id: user.id },
          { failedSignIns: NO_FAILURES.count, failedSignInsSince: NO_FAILURES.since },
        );
      }
      const session = await this.sessions.issue(manager, user.id, now);
      return { kind: 'signed-in', signedIn: { ...session, user } };
    });

    switch (outcome.kind) {
      case 'signed-in':
        return outcome.signedIn;
      case 'wrong':
        throw new UnauthorizedException(WRONG);
      case 'blocked':
        throw new TooManySignInsException(Math.ceil((outcome.until.getTime() - now.getTime()) / 1000));
    }
  }
}
