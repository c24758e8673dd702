// Users of a test workspace, created with its admin key, and sign-in as one of them.
import { apiClient, bearer } from './apps';

export type Role = 'admin' | 'editor' | 'viewer';

/** What the helpers need of a running API: its URL and an admin-key client. */
interface ApiWithAdmin {
  api: { url: string };
  admin: ReturnType<typeof apiClient>;
}

export interface Member {
  id: string;
  email: string;
  password: string;
  /** Signs in and returns a client carrying the session token. */
  signIn(): Promise<ReturnType<typeof apiClient>>;
}

let counter = 0;

/** A user of the harness's workspace, created with the admin key. */
export async function addMember(
  h: ApiWithAdmin,
  role: Role,
  password = 'a long enough password',
): Promise<Member> {
  const email = `${role}-${++counter}-${Date.now()}@example.test`;
  const created = await h.admin<{ id: string }>('POST', '/users', {
    email,
    name: `A ${role}`,
    role,
    password,
  });
  if (created.status !== 201) throw new Error(`creating a ${role} failed: ${JSON.stringify(created)}`);
  return {
    id: created.body.id,
    email,
    password,
    signIn: async () => apiClient(h.api.url, bearer(await signIn(h, email, password))),
  };
}

export async function signIn(h: ApiWithAdmin, email: string, password: string): Promise<string> {
  const res = await fetch(`${h.api.url}/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { token: string };
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}
