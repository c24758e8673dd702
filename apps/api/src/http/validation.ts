import { BadRequestException, type PipeTransform, type Type } from '@nestjs/common';
import { createZodValidationPipe } from 'nestjs-zod';
import { type ZodError } from 'zod';

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

/** Every request body, query and param is parsed by its zod DTO; failures list each field. */
export const ValidationPipe: Type<PipeTransform> = createZodValidationPipe({
  createValidationException: (error) =>
    new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      errors: fieldErrors(error as ZodError),
    }),
});
