import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { durationToMs } from './duration';

describe('@parcours/domain/journey', () => {
  it('imports nothing but its own files (no zod, no liquidjs: it runs in the workflow sandbox)', () => {
    const dir = __dirname;
    const sources = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(sources).toContain('index.ts');
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      const specifiers = [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const specifier of specifiers) expect(`${file}: ${specifier}`).toMatch(/: \.\/[\w-]+$/);
    }
  });

  it('converts durations', () => {
    expect(durationToMs({ amount: 2, unit: 'seconds' })).toBe(2_000);
    expect(durationToMs({ amount: 3, unit: 'days' })).toBe(259_200_000);
  });
});
