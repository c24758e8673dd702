import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, type NextFunction, type Request, type Response, urlencoded } from 'express';
import { AppModule } from './app.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { inspectJson } from './events/dtos/json-object';
import { BATCH_ROUTES, MAX_BATCH_BYTES, MAX_CALL_BYTES } from './events/ingestion-limits';
import { serveOpenApi } from './http/openapi';

/**
 * JSON bodies, with Segment's limits on ingestion: 500 KiB for a batch, 32 KiB for a single call
 * (analytics.js posts JSON as text/plain to avoid a CORS preflight, so that is JSON there too).
 * Templates get 1 MiB; other routes keep Express's 100 KiB; file uploads (CSV, NDJSON) are streams no parser touches.
 * A body over its limit is a JSON 413 and malformed JSON a JSON 400, like every other error.
 * JSON nested deeper than 32 levels or holding unpaired UTF-16 surrogates is refused before any
 * recursive pipe or Postgres sees it (batches check this per call, to refuse only the bad ones).
 */
function useBodyParsers(app: INestApplication): void {
  const segmentTypes = ['application/json', 'application/*+json', 'text/plain'];
  for (const route of BATCH_ROUTES)
    app.use(`/v1/${route}`, json({ limit: MAX_BATCH_BYTES, type: segmentTypes }));
  app.use('/v1', json({ limit: MAX_CALL_BYTES, type: segmentTypes }));
  // A template holds up to 200 000 characters of body and 100 000 of text (multi-byte, escaped).
  app.use('/templates', json({ limit: '1mb' }));
  app.use(json());
  app.use(urlencoded({ extended: true }));
  const batchPaths = new Set(BATCH_ROUTES.map((route) => `/v1/${route}`));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (batchPaths.has(req.path.toLowerCase().replace(/\/+$/, ''))) return next();
    const problem = inspectJson(req.body, { allowNul: true });
    if (!problem) return next();
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      errors: [{ path: problem.path.join('.'), code: problem.code, message: problem.message }],
    });
  });
  app.use(
    (
      error: Error & { status?: number; type?: string; limit?: number },
      req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      const status = error.status ?? 500;
      if (status < 400 || status >= 500) return next(error);
      if (error.type === 'entity.too.large') {
        res.status(413).json({
          statusCode: 413,
          error: 'Payload Too Large',
          message: `The request body is larger than ${(error.limit ?? 0) / 1024} KiB, the limit of ${req.path}`,
        });
      } else if (error.type === 'entity.parse.failed') {
        res.status(400).json({
          statusCode: 400,
          error: 'Bad Request',
          message: 'Malformed JSON body',
          errors: [{ path: '', code: 'invalid_json', message: error.message }],
        });
      } else {
        res.status(status).json({ statusCode: status, message: error.message });
      }
    },
  );
}

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bodyParser: false });
  useBodyParsers(app);
  app.enableShutdownHooks();
  app.enableCors();
  serveOpenApi(app);
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.API_PORT, config.API_HOST);
  Logger.log(`API listening on http://${config.API_HOST}:${config.API_PORT}`, 'Parcours');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
