/** The customer a test or a preview runs for (`GET /profiles?identity=`). */
export interface PickedProfile {
  id: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  traits: Record<string, unknown>;
}

/** "Chloé Martin (chloe)", or the email, or the id: how the studio names a customer. */
export function profileName(profile: PickedProfile): string {
  const { firstName, lastName } = profile.traits as { firstName?: unknown; lastName?: unknown };
  const person = [firstName, lastName].filter((part) => typeof part === 'string' && part).join(' ');
  const handle = profile.userId ?? profile.email ?? profile.phone ?? profile.id;
  return person ? `${person} (${handle})` : handle;
}
