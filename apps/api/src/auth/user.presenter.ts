import { type UserEntity } from './persistence/user.entity';

export function presentUser(user: UserEntity) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}
