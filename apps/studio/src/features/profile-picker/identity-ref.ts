/**
 * What a person types to name a customer, as the API's `kind:value` identity: `email:…`, `phone:…`
 * or `crm_id:…` as typed; a bare address is an email, a bare `+33…` a phone, anything else a userId.
 */
export function identityRef(typed: string): string | null {
  const value = typed.trim();
  if (!value) return null;
  if (/^[a-z][a-z0-9_]*:/.test(value)) return value;
  if (value.includes('@')) return `email:${value}`;
  if (/^\+\d[\d\s().-]*$/.test(value)) return `phone:${value.replace(/[\s().-]/g, '')}`;
  return `user_id:${value}`;
}
