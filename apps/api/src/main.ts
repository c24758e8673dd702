import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { serveOpenApi } from './http/openapi';

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bodyParser: true });
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
