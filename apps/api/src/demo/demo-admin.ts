import { generatePassword } from '../auth/passwords';
import { type UsersService } from '../auth/users.service';

export interface DemoAdmin {
  email: string;
  password: string;
}

/** `<name>@parcours.local`, or `<name>-2@…` when an earlier demo of this database has it. */
export async function freeDemoEmail(users: UsersService, name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const email = `${n === 1 ? name : `${name}-${n}`}@parcours.local`;
    if (!(await users.emailTaken(email))) return email;
  }
}

/** A studio admin with a generated password (shown once, stored hashed). */
export async function createAdminWithGeneratedPassword(
  users: UsersService,
  workspaceId: string,
  email: string,
  displayName: string,
): Promise<DemoAdmin> {
  const password = generatePassword();
  await users.create(workspaceId, { email, name: displayName, role: 'admin', password });
  return { email, password };
}
