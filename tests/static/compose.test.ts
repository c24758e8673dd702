import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { parse } from 'yaml';
import composeSpec from './compose-spec.schema.json';

/** Static checks of the Docker setup: no Docker engine needed. */

const ROOT = path.resolve(__dirname, '../..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

/** Variables each app reads at start-up (they have no usable default inside a container). */
const REQUIRED_ENV: Record<string, string[]> = {
  migrate: ['DATABASE_URL'],
  api: ['DATABASE_URL', 'TEMPORAL_ADDRESS'],
  worker: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL'],
  studio: ['PARCOURS_API_URL'],
};

/** Variables that carry a credential: never a literal, always `${VAR}` / `${VAR:-default}`. */
const SECRET_ENV = /PASSWORD|PWD|SECRET|API_KEY|TOKEN/;

type Env = Record<string, string | number | boolean | null> | string[];
type DependsOn = string[] | Record<string, { condition: string; required?: boolean }>;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Env;
  depends_on?: DependsOn;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  user?: string;
  [key: string]: unknown;
}
interface ComposeFile {
  services: Record<string, Service>;
  [key: string]: unknown;
}

function loadCompose(): ComposeFile {
  return parse(readFileSync(COMPOSE_FILE, 'utf8')) as ComposeFile;
}

function compileSchema() {
  // The spec declares draft-07 under its https URI; Ajv ships that meta-schema under the http one.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema({ ...draft07, $id: composeSpec.$schema });
  return ajv.compile(composeSpec);
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n');
}

function envOf(service: Service): Map<string, string> {
  const env = new Map<string, string>();
  const raw = service.environment ?? {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const eq = entry.indexOf('=');
      env.set(eq === -1 ? entry : entry.slice(0, eq), eq === -1 ? '' : entry.slice(eq + 1));
    }
  } else {
    for (const [key, value] of Object.entries(raw)) env.set(key, value === null ? '' : String(value));
  }
  return env;
}

function dependsOn(service: Service): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d.condition]));
}

function buildOf(service: Service): { context: string; dockerfile: string } | undefined {
  if (service.build === undefined) return undefined;
  if (typeof service.build === 'string') return { context: service.build, dockerfile: 'Dockerfile' };
  return { context: service.build.context ?? '.', dockerfile: service.build.dockerfile ?? 'Dockerfile' };
}

/** Hosts that `scheme://[user[:pass]@]host[:port]` URLs and `host:port` addresses point at. */
function hostOf(value: string): string {
  const withoutScheme = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = withoutScheme.split('/')[0];
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  return hostPort.split(':')[0];
}

interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

/** Dockerfile instructions, with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let buffer = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (buffer === '' && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (buffer === '') start = index + 1;
    if (line.endsWith('\\')) {
      buffer += `${line.slice(0, -1)} `;
      return;
    }
    buffer += line;
    const match = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(buffer);
    if (match) instructions.push({ line: start, keyword: match[1].toUpperCase(), args: match[2].trim() });
    buffer = '';
  });
  return instructions;
}

/** Sources of the COPY/ADD instructions that read from the build context (not `--from=<stage>`). */
function contextSources(instructions: Instruction[]): { line: number; source: string }[] {
  const sources: { line: number; source: string }[] = [];
  for (const { line, keyword, args } of instructions) {
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const words = args.split(/\s+/);
    const flags = words.filter((w) => w.startsWith('--'));
    if (flags.some((f) => f.startsWith('--from='))) continue;
    const operands = words.filter((w) => !w.startsWith('--')).join(' ');
    const paths = operands.startsWith('[') ? (JSON.parse(operands) as string[]) : operands.split(' ');
    for (const source of paths.slice(0, -1)) sources.push({ line, source });
  }
  return sources;
}

/** `.dockerignore` patterns as regular expressions over context-relative paths (no `!` exceptions). */
function dockerignoreMatchers(text: string): RegExp[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!'))
    .map((pattern) => {
      const clean = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
      const body = clean
        .split('/')
        .map((part) =>
          part === '**'
            ? '(?:.*)'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
      return new RegExp(`^${body}(?:/.*)?$`);
    });
}

const compose = loadCompose();
const services = compose.services;
const buildServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
const dockerfiles = [
  ...new Set(
    buildServices.map(([, s]) => {
      const build = buildOf(s)!;
      return path.resolve(ROOT, build.context, build.dockerfile);
    }),
  ),
];

describe('docker-compose.yml', () => {
  const validate = compileSchema();

  it('is valid against the Compose specification schema', () => {
    const valid = validate(compose);
    expect(describeErrors(validate.errors)).toBe('');
    expect(valid).toBe(true);
  });

  it('has no obsolete top-level `version`', () => {
    expect(compose).not.toHaveProperty('version');
  });

  it.each([
    ['an unknown top-level key', (c: ComposeFile) => ({ ...c, servics: {} })],
    ['`ports` as a string', (c: ComposeFile) => withService(c, 'api', { ports: 'x' })],
    ['an unknown service attribute', (c: ComposeFile) => withService(c, 'api', { dependson: ['postgres'] })],
    [
      'an unknown depends_on condition',
      (c: ComposeFile) => withService(c, 'api', { depends_on: { postgres: { condition: 'service_ready' } } }),
    ],
    ['`environment` as a string', (c: ComposeFile) => withService(c, 'worker', { environment: 'SMTP_URL' })],
  ])('rejects a broken copy with %s', (_name, breakIt) => {
    const broken = breakIt(structuredClone(compose));
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.length).toBeGreaterThan(0);
  });

  it('defines the expected services', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'mailpit', 'migrate', 'postgres', 'studio', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
  });

  it.each(buildServices)('%s: build context and Dockerfile exist', (_name, service) => {
    const build = buildOf(service)!;
    const context = path.resolve(ROOT, build.context);
    expect(existsSync(context) && statSync(context).isDirectory()).toBe(true);
    expect(existsSync(path.resolve(context, build.dockerfile))).toBe(true);
  });

  it.each(Object.entries(REQUIRED_ENV))('%s gets the variables it reads', (name, required) => {
    expect(services).toHaveProperty(name);
    const env = envOf(services[name]);
    for (const key of required) {
      expect([key, env.get(key) ?? '']).toEqual([key, expect.stringMatching(/\S/)]);
    }
  });

  it('points the apps at services of this file', () => {
    const targets: [string, string, string][] = [];
    for (const name of Object.keys(REQUIRED_ENV)) {
      const env = envOf(services[name]);
      for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'PARCOURS_API_URL']) {
        const value = env.get(key);
        if (value) targets.push([name, key, hostOf(value)]);
      }
    }
    for (const [name, key, host] of targets) expect([name, key, host in services]).toEqual([name, key, true]);
    expect(
      hostOf(
        envOf(services.worker)
          .get('SMTP_URL')!
          .replace(/^\$\{SMTP_URL:-(.*)\}$/, '$1'),
      ),
    ).toBe('mailpit');
  });

  it('serves the studio from the api port the api listens on', () => {
    const apiPort = envOf(services.api).get('API_PORT') ?? '4000';
    expect(envOf(services.studio).get('PARCOURS_API_URL')).toBe(`http://api:${apiPort}`);
  });

  it('takes every secret from the environment (`${VAR:-default}`), never a literal', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of envOf(service)) {
        if (!SECRET_ENV.test(key)) continue;
        expect([name, key, value]).toEqual([
          name,
          key,
          expect.stringMatching(/^\$\{[A-Z0-9_]+(:?-[^}]*)?\}$/),
        ]);
      }
    }
  });

  it('only depends on defined services, and waits for health only where a healthcheck exists', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependsOn(service))) {
        expect([name, target, target in services]).toEqual([name, target, true]);
        if (condition === 'service_healthy') {
          const check = services[target].healthcheck;
          expect([name, target, Boolean(check?.test) && !check?.disable]).toEqual([name, target, true]);
        }
      }
    }
  });

  it('starts api and worker only after the migrations completed', () => {
    expect(dependsOn(services.api).migrate).toBe('service_completed_successfully');
    expect(dependsOn(services.worker).migrate).toBe('service_completed_successfully');
    expect(services.migrate.command).toEqual(['node', 'dist/cli/migrate.js']);
  });

  it('pins every image tag', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image === undefined) continue;
      const tag = /:([^/:@]+)$/.exec(service.image)?.[1];
      expect([name, tag]).toEqual([name, expect.stringMatching(/^(?!latest$)\S+$/)]);
    }
  });
});

describe.each(dockerfiles.map((file) => [path.relative(ROOT, file), file]))('%s', (_name, file) => {
  const instructions = parseDockerfile(readFileSync(file, 'utf8'));
  const ignored = dockerignoreMatchers(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'));

  it('copies only files that exist in the build context and are not ignored', () => {
    const sources = contextSources(instructions);
    expect(sources.length).toBeGreaterThan(0);
    for (const { line, source } of sources) {
      const relative = path.posix.normalize(source).replace(/\/$/, '');
      expect([line, source, existsSync(path.join(ROOT, relative))]).toEqual([line, source, true]);
      expect([line, source, ignored.some((re) => re.test(relative))]).toEqual([line, source, false]);
    }
  });

  it('builds on node:20-bookworm-slim and runs as the non-root `node` user', () => {
    const froms = instructions.filter((i) => i.keyword === 'FROM');
    expect(froms.length).toBeGreaterThan(1);
    const args = Object.fromEntries(
      instructions
        .filter((i) => i.keyword === 'ARG' && i.args.includes('='))
        .map((i) => i.args.split('=', 2) as [string, string]),
    );
    const base = froms[0].args.split(/\s+/)[0].replace(/^\$\{(\w+)\}$/, (_m, name: string) => args[name]);
    expect(base).toBe('node:20-bookworm-slim');
    const finalStage = instructions.slice(instructions.lastIndexOf(froms[froms.length - 1]));
    const users = finalStage.filter((i) => i.keyword === 'USER');
    expect(users.at(-1)?.args).toBe('node');
    expect(finalStage.some((i) => i.keyword === 'CMD')).toBe(true);
  });
});

describe('.dockerignore', () => {
  const ignored = dockerignoreMatchers(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'));

  it.each([
    'node_modules',
    'apps/api/node_modules',
    'packages/domain/dist',
    'apps/studio/.next',
    '.parcours',
    '.git',
    'apps/studio/.env.local',
  ])('excludes %s', (p) => {
    expect(ignored.some((re) => re.test(p))).toBe(true);
  });

  it.each(['package.json', 'package-lock.json', 'apps/api/src', 'tsconfig.base.json'])('keeps %s', (p) => {
    expect(ignored.some((re) => re.test(p))).toBe(false);
  });
});

function withService(c: ComposeFile, name: string, patch: Record<string, unknown>): ComposeFile {
  return { ...c, services: { ...c.services, [name]: { ...c.services[name], ...patch } } };
}
