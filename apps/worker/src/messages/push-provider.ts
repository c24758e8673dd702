import { Agent } from 'node:https';
import { isIP } from 'node:net';
import { HttpRequestError, type OutgoingPush } from '@parcours/domain';
import webpush, { WebPushError } from 'web-push';
import { type DestinationPolicy } from '../http/destination-policy';
import { type PushStore, type StoredPushSubscription } from '../persistence/push-store';
import { type ChannelProvider, DeliveryError } from './channel-provider';
import { httpStatusFailure, networkFailure } from './http-delivery-failure';

export interface WebPushSettings {
  /** VAPID `sub` claim: a `mailto:` or `https:` contact push services may use about the sender. */
  subject: string;
  /** How long a push service keeps a message for an offline browser. */
  ttlSeconds: number;
  timeoutMs: number;
  /** Endpoints are registered by anyone holding the write key: private addresses are refused. */
  policy: DestinationPolicy;
  /** Certificate authorities to trust instead of Node's (a private push service, tests). */
  ca?: string;
}

/** What the site's service worker receives in its `push` event (`event.data.json()`). */
export interface PushPayload {
  title: string;
  body: string;
  icon?: string;
  url?: string;
  /** The ledger id, for the service worker to report clicks. */
  messageId: string;
}

type Attempt = { accepted: true } | { accepted: false; failure: DeliveryError };

/**
 * Web Push with the workspace's VAPID keys, to every browser the customer subscribed. The message
 * is sent when at least one push service accepted it; a subscription the service says is gone
 * (404, 410) is forgotten. Retried only when no service took it and none may have.
 */
export function pushProvider(store: PushStore, settings: WebPushSettings): ChannelProvider<OutgoingPush> {
  // Pooled connections, each to an address the policy checked when it was opened.
  const agent = new Agent({
    keepAlive: true,
    lookup: settings.policy.checkedLookup,
    ...(settings.ca ? { ca: settings.ca } : {}),
  });
  const sendTo = async (
    subscription: StoredPushSubscription,
    payload: string,
    options: webpush.RequestOptions,
  ): Promise<Attempt> => {
    const host = new URL(subscription.endpoint).hostname.replace(/^\[(.*)\]$/, '$1');
    const refusal = isIP(host) ? settings.policy.refusal(host) : null;
    if (refusal) return { accepted: false, failure: new DeliveryError('permanent', refusal) };
    try {
      await webpush.sendNotification(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        payload,
        options,
      );
      return { accepted: true };
    } catch (error) {
      if (error instanceof HttpRequestError) {
        return { accepted: false, failure: new DeliveryError('permanent', error.message) };
      }
      if (!(error instanceof WebPushError)) return { accepted: false, failure: networkFailure(error) };
      if (error.statusCode === 404 || error.statusCode === 410) await store.forget(subscription.id);
      return {
        accepted: false,
        failure: httpStatusFailure(
          error.statusCode,
          error.body || error.message,
          error.headers?.['retry-after'],
        ),
      };
    }
  };

  return {
    channel: 'push',
    // The address is the customer: their subscriptions are read again when sending.
    recipient: async (profile) => ((await store.subscriptions(profile.id)).length > 0 ? profile.id : null),
    async deliver(message, { messageId, to, workspaceId }) {
      const vapid = await store.vapidKeys(workspaceId);
      if (!vapid)
        throw new DeliveryError(
          'permanent',
          'The workspace has no VAPID keys: no browser subscribed with them',
        );
      const subscriptions = await store.subscriptions(to);
      if (subscriptions.length === 0) throw new DeliveryError('permanent', 'No push subscription left');
      const payload: PushPayload = {
        title: message.title,
        body: message.body,
        ...(message.icon ? { icon: message.icon } : {}),
        ...(message.url ? { url: message.url } : {}),
        messageId,
      };
      const options: webpush.RequestOptions = {
        vapidDetails: { subject: settings.subject, ...vapid },
        TTL: settings.ttlSeconds,
        timeout: settings.timeoutMs,
        urgency: message.category === 'transactional' ? 'high' : 'normal',
        contentEncoding: 'aes128gcm',
        agent,
      };
      const attempts = await Promise.all(
        subscriptions.map((s) => sendTo(s, JSON.stringify(payload), options)),
      );
      const accepted = attempts.filter((a) => a.accepted).length;
      if (accepted > 0) return { providerMessageId: `web-push: ${accepted} of ${attempts.length} accepted` };
      const failures = attempts.flatMap((a) => (a.accepted ? [] : [a.failure]));
      const summary = failures.map((f) => f.message).join('; ');
      // Any that may have arrived forbids a retry; else a retry is worth it if one may then succeed.
      if (failures.some((f) => f.kind === 'in_doubt')) throw new DeliveryError('in_doubt', summary);
      const retryable = failures.filter((f) => f.kind === 'retryable');
      if (retryable.length > 0) {
        const waits = retryable.map((f) => f.retryAfterMs ?? 0);
        throw new DeliveryError('retryable', summary, Math.max(...waits) || undefined);
      }
      throw new DeliveryError('permanent', summary);
    },
  };
}
