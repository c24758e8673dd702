import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Where in a request value the first NUL character sits, or null. */
function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(value)' : null;
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key].join('.');
      const found = nulPath(child, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL text and JSON cannot hold U+0000; refuse it up front with the field's path rather
 * than letting the database fail the request.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown): unknown {
    const path = nulPath(value);
    if (path !== null) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [{ path, code: 'nul_character', message: 'NUL characters (\\u0000) are not allowed' }],
      });
    }
    return value;
  }
}
