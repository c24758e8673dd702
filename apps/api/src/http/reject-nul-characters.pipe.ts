import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Where in a request value the first NUL character sits, or null. Iterative: depth cannot overflow it. */
function nulPath(root: unknown): string | null {
  const stack: [unknown, string[]][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path.join('.') || '(value)';
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) return [...path, key].join('.');
        stack.push([child, [...path, key]]);
      }
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
