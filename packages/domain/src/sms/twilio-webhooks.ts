// The API routes Twilio calls, shared by the worker (which hands Twilio the status callback URL of
// each message) and the API (which serves them and checks their signature against that URL).

/** Delivery status reports of one message: `<route>/<ledger id of the message>`. */
export const TWILIO_STATUS_ROUTE = 'v1/sms/twilio/status';
/** Messages customers send to the workspace's number: `<route>/<workspace id>`. */
export const TWILIO_INBOUND_ROUTE = 'v1/sms/twilio/inbound';

/** The URL Twilio reports the message's status to; `publicApiUrl` is the API as the internet sees it. */
export function twilioStatusCallbackUrl(publicApiUrl: string, messageId: string): string {
  return `${publicApiUrl.replace(/\/+$/, '')}/${TWILIO_STATUS_ROUTE}/${encodeURIComponent(messageId)}`;
}
