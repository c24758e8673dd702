import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

/** The OpenAPI document is generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Parcours API')
    .setDescription(
      'Scenarios, profiles, ingestion and journeys. Admin routes take a Bearer admin key; ingestion takes the write key (HTTP Basic username, as Segment sends it).',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addBasicAuth()
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}
