import { z } from 'zod';
import { consentChannelSchema } from '../profiles/profile-traits';
import { defineNode } from './define-node';
import type { ProfileSnapshot } from './node-execution';

export const conditionConsentConfigSchema = z.object({
  channel: consentChannelSchema.meta({ title: 'Channel' }),
});

export type ConditionConsentConfig = z.output<typeof conditionConsentConfigSchema>;

/** Contactable: consent granted (never inferred from an address) and somewhere to send it. */
export function isContactable(profile: ProfileSnapshot, channel: ConditionConsentConfig['channel']): boolean {
  if (profile.consents[channel]?.status !== 'granted') return false;
  if (channel === 'email') return profile.email !== null;
  if (channel === 'sms') return profile.phone !== null;
  return true; // push: subscriptions are checked when sending
}

export const conditionConsentNode = defineNode({
  type: 'condition.consent',
  version: 1,
  title: 'Contactable on a channel',
  description:
    'Yes when the customer has granted consent on the channel and has an address for it (email, phone), now.',
  category: 'conditions',
  kind: 'condition',
  configSchema: conditionConsentConfigSchema,
  defaultConfig: { channel: 'email' },
  ports: () => ['yes', 'no'],
  async execute(ctx, config) {
    const profile = await ctx.profile();
    const port = profile !== null && isContactable(profile, config.channel) ? 'yes' : 'no';
    return { port, outcome: port };
  },
});
