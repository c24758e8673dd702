import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
} from '@nestjs/common';
import { type Request } from 'express';
import twilio from 'twilio';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/**
 * Twilio's webhooks carry `X-Twilio-Signature`: an HMAC-SHA1, keyed by the account's auth token,
 * of the URL Twilio called (PUBLIC_API_URL + the path) and the form fields. Anything else is
 * refused before its body is read, as are all of them when the API has no token to check with.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const { TWILIO_AUTH_TOKEN: authToken, PUBLIC_API_URL: publicApiUrl } = this.config;
    if (!authToken || !publicApiUrl) {
      throw new ForbiddenException('Twilio webhooks are off: set TWILIO_AUTH_TOKEN and PUBLIC_API_URL');
    }
    const signature = req.headers['x-twilio-signature'];
    if (typeof signature !== 'string' || signature === '') {
      throw new ForbiddenException('Missing X-Twilio-Signature header');
    }
    const url = publicApiUrl.replace(/\/+$/, '') + req.originalUrl;
    const params = (req.body ?? {}) as Record<string, unknown>;
    if (!twilio.validateRequest(authToken, signature, url, params)) {
      throw new ForbiddenException('Invalid Twilio signature');
    }
    return true;
  }
}
