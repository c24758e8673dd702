import { type OutgoingSms, twilioStatusCallbackUrl } from '@parcours/domain';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { type ChannelProvider, DeliveryError } from './channel-provider';
import { httpStatusFailure, networkFailure } from './http-delivery-failure';

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** Exactly one sender: a Messaging Service (Twilio picks the number) or a number of the account. */
  sender: { messagingServiceSid: string } | { from: string };
  /** The API as Twilio reaches it, for delivery status callbacks; none without it. */
  publicApiUrl?: string;
  /** Where the client sends what it would send to https://api.twilio.com (a proxy, a test double). */
  apiBaseUrl?: string;
  timeoutMs: number;
}

/**
 * Twilio's own HTTP client (form encoding, Basic auth, its user agent) sending to `apiBaseUrl`
 * instead of api.twilio.com, and keeping what the SDK's error drops: a 429's Retry-After.
 */
class TwilioHttpClient extends twilio.RequestClient {
  constructor(
    private readonly apiBaseUrl: string | undefined,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override async request<TData>(options: RequestClient.RequestOptions<TData>) {
    const uri =
      this.apiBaseUrl && options.uri.startsWith(TWILIO_API_ORIGIN)
        ? this.apiBaseUrl.replace(/\/+$/, '') + options.uri.slice(TWILIO_API_ORIGIN.length)
        : options.uri;
    const response = await super.request<TData>({ ...options, uri });
    if (response.statusCode === 429) {
      throw httpStatusFailure(429, 'Twilio is throttling this account', response.headers?.['retry-after']);
    }
    return response;
  }
}

/** Where a customer receives SMS: their phone, if it is a valid number (normalised to E.164). */
export function smsRecipient(phone: string | null): string | null {
  const parsed = phone ? parsePhoneNumberFromString(phone.trim()) : undefined;
  return parsed?.isValid() ? parsed.number : null;
}

/** SMS through Twilio's Messages API, with a status callback per message when the API is public. */
export function smsProvider(settings: TwilioSettings): ChannelProvider<OutgoingSms> {
  const client = twilio(settings.accountSid, settings.authToken, {
    httpClient: new TwilioHttpClient(settings.apiBaseUrl, { timeout: settings.timeoutMs }),
  });
  return {
    channel: 'sms',
    recipient: (profile) => smsRecipient(profile.phone),
    async deliver(message, { messageId, to }) {
      try {
        const sent = await client.messages.create({
          to,
          body: message.body,
          ...(message.from ? { from: message.from } : settings.sender),
          ...(settings.publicApiUrl
            ? { statusCallback: twilioStatusCallbackUrl(settings.publicApiUrl, messageId) }
            : {}),
        });
        return { providerMessageId: sent.sid };
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        if (error instanceof twilio.RestException) {
          const code = error.code === undefined ? '' : ` (Twilio error ${error.code})`;
          throw httpStatusFailure(error.status, `${error.message}${code}`);
        }
        throw networkFailure(error);
      }
    },
  };
}
