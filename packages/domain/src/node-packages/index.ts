// `@parcours/domain/node-packages`: loads node packages in Node (the API, the worker). Kept out of
// the main entry point, which stays free of I/O.
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { type LoadedNodePackage, registryWithPackages } from '../nodes/node-packages';
import type { NodeRegistry } from '../nodes/registry';

/** `PARCOURS_NODE_PACKAGES`: comma-separated npm package names or paths (relative to `cwd`). */
export function parseNodePackageList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const isPath = (specifier: string) => specifier.startsWith('.') || isAbsolute(specifier);

/**
 * Requires each package (a path from `cwd`, a name from `cwd`'s node_modules) and builds the
 * registry of the built-in nodes and theirs. Throws with the package's name when one cannot be
 * loaded or exports something else than node definitions: the process should not start then.
 */
export function loadNodeRegistry(specifiers: readonly string[], cwd: string = process.cwd()): NodeRegistry {
  const requireFromCwd = createRequire(join(cwd, 'package.json'));
  const packages = specifiers.map((specifier): LoadedNodePackage => {
    try {
      const exports: unknown = requireFromCwd(isPath(specifier) ? resolve(cwd, specifier) : specifier);
      return { name: specifier, exports };
    } catch (error) {
      throw new Error(`Node package '${specifier}' could not be loaded: ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
  return registryWithPackages(packages);
}
