import { type HttpRequest, HttpRequestError, type HttpResponse, type NodeHttpClient } from '@parcours/domain';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { type DestinationPolicy } from './destination-policy';

/** Larger responses are refused: journeys keep a few mapped fields, not documents. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Outbound HTTP for journey steps (webhooks, custom nodes). Every address a host name resolves to
 * is checked against the policy, and the connection goes to a checked address (no second lookup
 * an attacker's DNS could answer differently); redirects are not followed.
 */
export class GuardedHttpClient implements NodeHttpClient {
  constructor(private readonly policy: DestinationPolicy) {}

  async request(request: HttpRequest): Promise<HttpResponse> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      throw new HttpRequestError('invalid_request', `'${request.url.slice(0, 200)}' is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new HttpRequestError(
        'refused_destination',
        `Only http and https URLs are called, not ${url.protocol}`,
      );
    }
    if (url.username || url.password) {
      throw new HttpRequestError('invalid_request', 'Credentials in the URL are not sent; use a header');
    }
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const hostAllowed = this.policy.allowsHostName(hostname);
    if (!hostAllowed && isIP(hostname)) {
      // An IP literal is connected to without any lookup: check it here.
      const refusal = this.policy.refusal(hostname);
      if (refusal) throw new HttpRequestError('refused_destination', refusal);
    }
    return this.send(url, request, this.policy.checkedLookup);
  }

  private send(url: URL, request: HttpRequest, lookup: LookupFunction): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      const fail = (error: unknown) =>
        reject(
          error instanceof HttpRequestError
            ? error
            : new HttpRequestError('network', `${request.method} ${url.origin}: ${(error as Error).message}`),
        );
      let outgoing: http.ClientRequest;
      try {
        outgoing = (url.protocol === 'https:' ? https : http).request(url, {
          method: request.method,
          headers: {
            'user-agent': 'Parcours-Journeys/1',
            ...request.headers,
            ...(request.body !== undefined ? { 'content-length': Buffer.byteLength(request.body) } : {}),
          },
          lookup,
          agent: false, // a fresh connection per call: a pooled one would skip the address check
        });
      } catch (error) {
        // Invalid header names or values (e.g. a line break rendered from customer data).
        reject(new HttpRequestError('invalid_request', (error as Error).message));
        return;
      }
      const timer = setTimeout(() => {
        outgoing.destroy(
          new HttpRequestError(
            'timeout',
            `${request.method} ${url.origin} gave no answer in ${request.timeoutMs} ms`,
          ),
        );
      }, request.timeoutMs);
      outgoing.on('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            outgoing.destroy(
              new HttpRequestError(
                'response_too_large',
                `The response is larger than ${MAX_RESPONSE_BYTES} bytes`,
              ),
            );
          } else chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: response.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', (error) => {
          clearTimeout(timer);
          fail(error);
        });
      });
      outgoing.end(request.body);
    });
  }
}
