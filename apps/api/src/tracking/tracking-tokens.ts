import { createHmac } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  decodeTrackingToken,
  resolveTrackingSecret,
  type TrackingAction,
  type TrackingClaim,
} from '@parcours/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Verifies the signed tokens of open pixels, click redirects and unsubscribe links. */
@Injectable()
export class TrackingTokens {
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = resolveTrackingSecret(config.TRACKING_SECRET, config.NODE_ENV);
  }

  /** The claim of a genuine token for `action`; anything else is a 404 (nothing to say to a forger). */
  verify(token: string, action: TrackingAction): TrackingClaim {
    const claim = decodeTrackingToken(token, (data) =>
      createHmac('sha256', this.secret).update(data).digest(),
    );
    if (!claim || claim.action !== action) throw new NotFoundException('Unknown or altered link');
    return claim;
  }
}
