import { z } from 'zod';
import { FORBIDDEN_PATH_SEGMENTS, getPath } from '../predicates/get-path';
import { propertyPathSchema } from '../predicates/property-predicate';
import { renderTemplate } from '../templating/render-template';
import { validateTemplate } from '../templating/validate-template';
import { defineNode, type NodeConfigIssue } from './define-node';
import {
  HTTP_METHODS,
  type HttpRequest,
  HttpRequestError,
  type NodeExecutionContext,
} from './node-execution';

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Set by the engine or by the HTTP layer itself. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'idempotency-key',
]);
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_BODY_CHARS = 100_000;
/** Statuses worth another attempt besides 5xx: the destination asks to come back later. */
const RETRYABLE_STATUSES = new Set([408, 429]);

export const webhookConfigSchema = z
  .object({
    method: z.enum(HTTP_METHODS).default('POST').meta({ title: 'Method' }),
    /** Liquid template; values are percent-encoded. The scheme and host are written out. */
    url: z
      .string()
      .min(1)
      .max(2000)
      .meta({ title: 'URL', examples: ['https://crm.example.com/tasks'] }),
    /** Liquid templates of header values. */
    headers: z
      .record(
        z
          .string()
          .regex(HEADER_NAME, { error: "A header name is letters, digits and !#$%&'*+.^_`|~-" })
          .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), {
            error: 'This header is set by Parcours',
          }),
        z.string().max(4000),
      )
      .refine((headers) => Object.keys(headers).length <= 30, { error: 'At most 30 headers' })
      .default({})
      .meta({ title: 'Headers' }),
    /** JSON sent as the body; every string in it is a Liquid template (rendered, then JSON-encoded). */
    body: z
      .json()
      .optional()
      .refine((body) => body === undefined || JSON.stringify(body).length <= MAX_BODY_CHARS, {
        error: `The body is at most ${MAX_BODY_CHARS} characters of JSON`,
      })
      .meta({ title: 'JSON body' }),
    timeoutSeconds: z.int().min(1).max(30).default(10).meta({ title: 'Timeout (seconds)' }),
    /** Attempts on a 5xx, 408, 429, timeout or network error, with growing delays; then `failed`. */
    maxAttempts: z.int().min(1).max(10).default(3).meta({ title: 'Attempts' }),
    /** Journey variable name → path in the JSON response, e.g. `{ tier: 'data.loyalty.tier' }`. */
    saveResponse: z
      .record(
        z
          .string()
          .regex(VARIABLE_NAME, { error: 'A variable name is letters, digits and _' })
          .refine((name) => !FORBIDDEN_PATH_SEGMENTS.has(name), { error: 'This name is reserved' }),
        propertyPathSchema,
      )
      .refine((saved) => Object.keys(saved).length <= 20, { error: 'At most 20 variables' })
      .default({})
      .meta({ title: 'Save from the response' }),
  })
  .refine((config) => config.body === undefined || !['GET', 'DELETE'].includes(config.method), {
    path: ['body'],
    error: 'GET and DELETE requests have no body',
  });

export type WebhookConfig = z.output<typeof webhookConfigSchema>;

/** The strings of a JSON value with their paths, e.g. `[['customer', 'name'], 'Hi {{ … }}']`. */
function* jsonStrings(
  value: unknown,
  path: (string | number)[] = [],
): Generator<[(string | number)[], string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* jsonStrings(item, [...path, i]);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* jsonStrings(item, [...path, key]);
}

function webhookIssues(config: WebhookConfig): NodeConfigIssue[] {
  const issues: NodeConfigIssue[] = [];
  const templates: [(string | number)[], string][] = [
    [['url'], config.url],
    ...Object.entries(config.headers).map(([name, value]): [(string | number)[], string] => [
      ['headers', name],
      value,
    ]),
    ...[...jsonStrings(config.body)].map(([path, value]): [(string | number)[], string] => [
      ['body', ...path],
      value,
    ]),
  ];
  for (const [path, source] of templates) {
    for (const issue of validateTemplate(source)) {
      issues.push({
        path,
        message: `Template error at line ${issue.line}, column ${issue.column}: ${issue.message}`,
      });
    }
  }
  // Customer data may fill the path or the query, never choose where the request goes.
  const origin = /^https?:\/\/([^/?#{}%\s]+)(?=[/?#]|$)/i.exec(config.url);
  if (!origin || !URL.canParse(`http://${origin[1]}`)) {
    issues.push({
      path: ['url'],
      message: 'The URL starts with http:// or https:// and a host written out (no template)',
    });
  }
  return issues;
}

async function renderJson(value: unknown, variables: Record<string, unknown>): Promise<unknown> {
  if (typeof value === 'string') return renderTemplate(value, variables);
  if (Array.isArray(value)) return Promise.all(value.map((item) => renderJson(item, variables)));
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await renderJson(item, variables)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

async function renderRequest(ctx: NodeExecutionContext, config: WebhookConfig): Promise<HttpRequest> {
  const variables = await ctx.templateVariables();
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(config.headers)) {
    headers[name] = await renderTemplate(template, variables);
  }
  headers['Idempotency-Key'] = ctx.idempotencyKey;
  const request: HttpRequest = {
    method: config.method,
    url: await renderTemplate(config.url, variables, { escape: 'url' }),
    headers,
    timeoutMs: config.timeoutSeconds * 1000,
  };
  if (config.body !== undefined) {
    request.body = JSON.stringify(await renderJson(config.body, variables));
    headers['Content-Type'] = 'application/json';
  }
  return request;
}

/** What a call came to, recorded for the step so that a retry after a crash does not call again. */
type CallResult = { ok: true; variables: Record<string, unknown> } | { ok: false; failure: string };

async function call(
  ctx: NodeExecutionContext,
  config: WebhookConfig,
  request: HttpRequest,
): Promise<CallResult> {
  const lastAttempt = ctx.step.attempt >= config.maxAttempts;
  let response;
  try {
    response = await ctx.http.request(request);
  } catch (error) {
    if (!(error instanceof HttpRequestError)) throw error;
    // Thrown, the step is retried by the engine with a growing delay; returned, it is final.
    if (error.retryable && !lastAttempt) throw error;
    return { ok: false, failure: error.reason };
  }
  if (response.status >= 500 || RETRYABLE_STATUSES.has(response.status)) {
    if (!lastAttempt) throw new Error(`The webhook answered ${response.status}; trying again`);
    return { ok: false, failure: `http_${response.status}` };
  }
  if (response.status < 200 || response.status >= 300)
    return { ok: false, failure: `http_${response.status}` };
  let json: unknown;
  try {
    json = response.body === '' ? undefined : JSON.parse(response.body);
  } catch {
    json = undefined; // not JSON: nothing to save, still a success
  }
  const variables = Object.fromEntries(
    Object.entries(config.saveResponse).map(([name, path]) => [name, getPath(json, path) ?? null]),
  );
  return { ok: true, variables };
}

export const webhookNode = defineNode({
  type: 'webhook',
  version: 1,
  title: 'Call a webhook',
  description:
    'Calls an HTTP endpoint (URL, headers and JSON body are Liquid templates) once per step, with an ' +
    'Idempotency-Key header; fields of the JSON response can be saved as journey variables.',
  category: 'actions',
  icon: 'globe',
  kind: 'action',
  configSchema: webhookConfigSchema,
  defaultConfig: {
    method: 'POST',
    url: 'https://example.com/hooks/parcours',
    headers: {},
    body: { profileId: '{{ profile.id }}', email: '{{ profile.email }}' },
    timeoutSeconds: 10,
    maxAttempts: 3,
    saveResponse: {},
  },
  ports: () => ['ok', 'failed'],
  validate: webhookIssues,
  async execute(ctx, config) {
    let request: HttpRequest;
    try {
      request = await renderRequest(ctx, config);
    } catch (error) {
      // Validated at publish; what is left (a filter failing on this customer's data) is permanent.
      return { port: 'failed', outcome: `failed:template: ${(error as Error).message}` };
    }
    const result = await ctx.recordedEffect(() => call(ctx, config, request));
    return result.ok
      ? { port: 'ok', outcome: 'ok', variables: result.variables }
      : { port: 'failed', outcome: `failed:${result.failure}` };
  },
});
