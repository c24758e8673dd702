import { Injectable } from '@nestjs/common';

const loadMjml = () => import('mjml');

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
  // Loaded at the first MJML template (about 60 MiB): processes that never compile one (the CLI,
  // an API that only ingests) do not pay for it.
  private mjml?: ReturnType<typeof loadMjml>;

  async compile(source: string): Promise<MjmlResult> {
    try {
      const { default: mjml2html } = await (this.mjml ??= loadMjml());
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
