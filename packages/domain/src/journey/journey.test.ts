import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { durationToMs } from './duration';

describe('@parcours/domain/journey', () => {
  it('reaches no package at run time (no zod, no liquidjs: it runs in the workflow sandbox)', () => {
    // Walk the value imports from index.ts; `import type` is erased by the compiler.
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, clause, specifier] of text.matchAll(
        /(?:import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/g,
      )) {
        if (clause) continue;
        expect(`${file}: ${specifier}`).toMatch(/: \.\.?\//);
        visit(join(dirname(file), `${specifier}.ts`));
      }
    };
    visit(join(__dirname, 'index.ts'));
    expect(seen.size).toBeGreaterThan(3);
  });

  it('converts durations', () => {
    expect(durationToMs({ amount: 2, unit: 'seconds' })).toBe(2_000);
    expect(durationToMs({ amount: 3, unit: 'days' })).toBe(259_200_000);
  });
});
