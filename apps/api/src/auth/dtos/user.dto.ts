import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords';
import { ROLES } from '../roles';

const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
const name = z.string().trim().min(1).max(200);
const role = z.enum(ROLES);
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `A password has at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH);

export class SignInDto extends createZodDto(
  z
    .object({
      // Not checked as an email: a malformed one simply matches no account.
      email: z.string().min(1).max(254),
      password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    })
    .strict(),
) {}

export class CreateUserDto extends createZodDto(z.object({ email, name, role, password }).strict()) {}

export class UpdateUserDto extends createZodDto(
  z
    .object({ name: name.optional(), role: role.optional(), password: password.optional() })
    .strict()
    .refine((body) => Object.values(body).some((value) => value !== undefined), {
      message: 'Give a name, a role or a password to change',
    }),
) {}

export class UserIdParams extends createZodDto(z.object({ id: z.uuid() })) {}

const user = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role,
  createdAt: z.iso.datetime(),
});

export class UserDto extends createZodDto(user) {}

export class SessionDto extends createZodDto(
  z.object({
    /** Send as `Authorization: Bearer <token>`; shown once. */
    token: z.string(),
    expiresAt: z.iso.datetime(),
    user,
  }),
) {}

export class CurrentSessionDto extends createZodDto(
  z.object({ user, workspace: z.object({ id: z.uuid(), name: z.string() }) }),
) {}
