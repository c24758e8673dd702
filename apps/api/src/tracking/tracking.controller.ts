import {
  Controller,
  Get,
  Header,
  HttpCode,
  Logger,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { DeliveryEventsService } from './delivery-events.service';
import { MessageConsent } from './message-consent.service';
import { TrackingTokens } from './tracking-tokens';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font:inherit;padding:.5rem 1rem;cursor:pointer}</style></head><body>${body}</body></html>`;
}

function clientDetails(request: Request): Record<string, unknown> {
  const userAgent = request.headers['user-agent'];
  return typeof userAgent === 'string' ? { userAgent: userAgent.slice(0, 500) } : {};
}

/**
 * The links in emails, reached by anyone's mail client: no API key, only the signed token (a
 * forged or altered one is a 404, and a click goes only to the URL that was signed). Opens and
 * clicks are recorded as events on the customer's timeline; an open or click whose recording
 * fails still shows the pixel or redirects (the customer must not pay for it), and is logged.
 */
@ApiExcludeController()
@Controller()
export class TrackingController {
  private readonly logger = new Logger(TrackingController.name);

  constructor(
    private readonly tokens: TrackingTokens,
    private readonly events: DeliveryEventsService,
    private readonly consent: MessageConsent,
  ) {}

  @Get('t/o/:token')
  @Header('Cache-Control', 'no-store, private')
  @Header('Content-Type', 'image/gif')
  async open(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const { messageId } = this.tokens.verify(token, 'open');
    await this.events
      .record(messageId, 'message.opened', clientDetails(request))
      .catch((error: Error) => this.logger.warn(`Open of ${messageId} not recorded: ${error.message}`));
    response.status(200).end(PIXEL);
  }

  @Get('t/c/:token')
  @Header('Cache-Control', 'no-store, private')
  @Header('Referrer-Policy', 'no-referrer')
  async click(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const { messageId, url } = this.tokens.verify(token, 'click');
    await this.events
      .record(messageId, 'message.clicked', { url, ...clientDetails(request) })
      .catch((error: Error) => this.logger.warn(`Click of ${messageId} not recorded: ${error.message}`));
    response.redirect(302, url!);
  }

  @Get('u/:token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store, private')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
  unsubscribePage(@Param('token') token: string): string {
    // Showing the page changes nothing: link scanners and prefetchers follow GET links.
    this.tokens.verify(token, 'unsubscribe');
    return page(
      'Unsubscribe',
      `<h1>Unsubscribe</h1><p>You will no longer receive these emails.</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
    );
  }

  /** RFC 8058 one-click (mail clients POST `List-Unsubscribe=One-Click`) and the page's form alike. */
  @Post('u/:token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store, private')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  async unsubscribe(@Param('token') token: string, @Req() request: Request): Promise<string> {
    const { messageId } = this.tokens.verify(token, 'unsubscribe');
    const oneClick =
      (request.body as Record<string, unknown> | undefined)?.['List-Unsubscribe'] === 'One-Click';
    const { found } = await this.consent.revoke(messageId, 'message.unsubscribed', 'unsubscribe_link', {
      method: oneClick ? 'one_click' : 'page',
    });
    if (!found) throw new NotFoundException('Unknown or altered link');
    return page(
      'Unsubscribed',
      '<h1>You are unsubscribed</h1><p>You will no longer receive these emails.</p>',
    );
  }
}
