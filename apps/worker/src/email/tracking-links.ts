import { createHmac } from 'node:crypto';
import { encodeTrackingToken, type TrackingClaim } from '@parcours/domain';

/** Signed links to the API's tracking routes (`/t/o`, `/t/c`, `/u`), for one message. */
export class TrackingLinks {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly secret: string,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  private token(claim: TrackingClaim): string {
    return encodeTrackingToken(claim, (data) => createHmac('sha256', this.secret).update(data).digest());
  }

  open(messageId: string): string {
    return `${this.base}/t/o/${this.token({ messageId, action: 'open' })}`;
  }

  click(messageId: string, url: string): string {
    return `${this.base}/t/c/${this.token({ messageId, action: 'click', url })}`;
  }

  unsubscribe(messageId: string): string {
    return `${this.base}/u/${this.token({ messageId, action: 'unsubscribe' })}`;
  }

  /** Links to these routes are ours: never wrapped in a click redirect. */
  isOwn(url: string): boolean {
    return url.startsWith(`${this.base}/t/`) || url.startsWith(`${this.base}/u/`);
  }
}
