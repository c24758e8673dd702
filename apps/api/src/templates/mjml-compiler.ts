import { Injectable } from '@nestjs/common';
import mjml2html from 'mjml';

export interface MjmlResult {
  html: string;
  issues: { line: number; message: string }[];
}

/**
 * MJML → responsive HTML, once when a template is saved (Liquid in it passes through untouched).
 * `mj-include` is ignored and no `.mjmlconfig` is read: a template can never reach the file system.
 */
@Injectable()
export class MjmlCompiler {
  async compile(source: string): Promise<MjmlResult> {
    try {
      const { html, errors } = await mjml2html(source, {
        validationLevel: 'soft',
        ignoreIncludes: true,
        keepComments: false,
        minify: false,
        beautify: false,
      });
      return { html, issues: errors.map((e) => ({ line: e.line, message: e.message })) };
    } catch (error) {
      return { html: '', issues: [{ line: 1, message: (error as Error).message }] };
    }
  }
}
