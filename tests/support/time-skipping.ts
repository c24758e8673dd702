// Temporal's time-skipping test server, from Maven Central (the Java SDK's `temporal-test-server`),
// with @temporalio/testing's clients: a journey that waits three days finishes in seconds, and the
// workflow's clock (hence `now` in every activity) is the skipped one.
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePort, waitFor } from './ports';

const run = promisify(execFile);

export const TEMPORAL_TEST_SERVER_VERSION = '1.31.0';

const MAIN_CLASS = 'io.temporal.testserver.TestServer';

/** Where resolved artefacts are kept between runs (outside the repository). */
export function testServerCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'parcours', 'temporal-test-server');
}

const pom = (version: string) => `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.parcours</groupId>
  <artifactId>temporal-test-server-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;

// Started with the port as first argument (as the SDK starts its test servers); the JVM is tuned to
// start fast and is `exec`ed, so that killing the script stops Java itself.
const wrapper = (dir: string, log: string) => `#!/bin/sh
# Temporal time-skipping test server (io.temporal:temporal-test-server, resolved by Maven).
# Usage: temporal-test-server <port>
exec "\${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \\
  -cp "${dir}/lib/*" ${MAIN_CLASS} "$@" >>"${log}" 2>&1
`;

/**
 * Path of an executable that starts the test server on the port given as its first argument.
 * `PARCOURS_TEMPORAL_TEST_SERVER` may name one (e.g. the native build); otherwise the Maven
 * artefact and its dependencies are resolved once into the cache dir (Java 17 and Maven needed).
 */
export async function temporalTestServerExecutable(): Promise<string> {
  const given = process.env.PARCOURS_TEMPORAL_TEST_SERVER;
  if (given) return given;
  const dir = path.join(testServerCacheDir(), TEMPORAL_TEST_SERVER_VERSION);
  const executable = path.join(dir, 'temporal-test-server');
  if (fs.existsSync(executable)) return executable;

  // Resolve into a private directory and rename it into place: concurrent test files may race here,
  // and whichever rename lands first wins; the others drop their copy.
  fs.mkdirSync(testServerCacheDir(), { recursive: true });
  const staging = `${dir}.staging-${randomUUID().slice(0, 8)}`;
  fs.mkdirSync(staging);
  try {
    fs.writeFileSync(path.join(staging, 'pom.xml'), pom(TEMPORAL_TEST_SERVER_VERSION));
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        path.join(staging, 'pom.xml'),
        `-Dmaven.repo.local=${path.join(testServerCacheDir(), 'm2')}`,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${path.join(staging, 'lib')}`,
        '-DincludeScope=runtime',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(
        `Could not resolve io.temporal:temporal-test-server:${TEMPORAL_TEST_SERVER_VERSION} with Maven ` +
          `(Java 17+ and Maven are needed, and Maven Central reachable): ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
      );
    });
    fs.writeFileSync(path.join(staging, 'temporal-test-server'), wrapper(dir, path.join(dir, 'server.log')), {
      mode: 0o755,
    });
    try {
      fs.renameSync(staging, dir);
    } catch (error) {
      if (!fs.existsSync(executable)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return executable;
}

export interface TimeSkippingServer {
  /** Clients on the server; time skips while a test awaits a workflow's result or calls `sleep`. */
  env: TestWorkflowEnvironment;
  /** Closes the clients and stops the server. */
  stop(): Promise<void>;
}

/** `TestWorkflowEnvironment.create`: public in JavaScript, private in the typings (SDK 1.24). */
interface EnvironmentFactory {
  create(options: {
    server: { type: 'existing' };
    address: string;
    namespace: string;
    supportsTimeSkipping: true;
  }): Promise<TestWorkflowEnvironment>;
}

/**
 * A fresh time-skipping server and its clients. One per test file: skipped time is global to the
 * server, so the tests of a file run one after the other (as Jest does within a file).
 *
 * The server is started here rather than by `TestWorkflowEnvironment.createTimeSkipping`, whose
 * 5-second start-up limit a JVM on a busy machine misses; the environment is then created on it
 * as the SDK does internally for its own servers (with time skipping on).
 */
export async function startTimeSkippingServer({ startTimeoutMs = 60_000 } = {}): Promise<TimeSkippingServer> {
  const executable = await temporalTestServerExecutable();
  const port = await freePort();
  const server = spawn(executable, [String(port)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const kill = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await exited;
  };
  try {
    await waitFor(
      `the Temporal test server on port ${port} (log: ${path.join(path.dirname(executable), 'server.log')})`,
      async () => {
        if (server.exitCode !== null) throw new Error(`it exited with code ${server.exitCode}`);
        return (await accepts(port)) ? true : undefined;
      },
      { timeoutMs: startTimeoutMs, intervalMs: 200 },
    );
    const factory = TestWorkflowEnvironment as unknown as EnvironmentFactory;
    if (typeof factory.create !== 'function') {
      throw new Error(
        '@temporalio/testing no longer has TestWorkflowEnvironment.create; update time-skipping.ts',
      );
    }
    const env = await factory.create({
      server: { type: 'existing' },
      address: `127.0.0.1:${port}`,
      namespace: 'default',
      supportsTimeSkipping: true,
    });
    return {
      env,
      async stop() {
        await env.teardown();
        await kill();
      },
    };
  } catch (error) {
    await kill();
    throw error;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
