import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { scenarioGraphSchema, welcomeScenario } from '@parcours/domain';
import { UsersService } from '../auth/users.service';
import { PublishScenarioUseCase } from '../scenarios/publish-scenario.usecase';
import { ScenariosService } from '../scenarios/scenarios.service';
import { createAdminWithGeneratedPassword, freeDemoEmail } from '../demo/demo-admin';
import { CreateWorkspaceUseCase } from '../workspaces/create-workspace.usecase';
import { CliModule } from './cli.module';
import { runCli } from './run-cli';

const USAGE = `Usage: bootstrap --name <workspace name> [--admin-email <email>] [--demo] [--json]

Creates a workspace and prints its admin key and ingestion write key (shown only once).
  --admin-email  also creates an admin user to sign in to the studio, with a generated password
                 (shown only once)
  --demo         also creates and publishes the demo welcome scenario, and an admin user
                 (demo@parcours.local unless --admin-email says otherwise)
  --json         print one JSON object instead of text`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function main(): Promise<number> {
  let options: { name?: string; 'admin-email'?: string; demo?: boolean; json?: boolean; help?: boolean };
  try {
    options = parseArgs({
      options: {
        name: { type: 'string' },
        'admin-email': { type: 'string' },
        demo: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const name = options.name?.trim();
  if (!name || name.length > 200) {
    console.error(`--name is required (1 to 200 characters)\n\n${USAGE}`);
    return 2;
  }
  const adminEmail = options['admin-email']?.trim().toLowerCase();
  if (adminEmail !== undefined && (!EMAIL.test(adminEmail) || adminEmail.length > 254)) {
    console.error(`--admin-email needs an email address\n\n${USAGE}`);
    return 2;
  }

  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const users = app.get(UsersService);
    const email = adminEmail ?? (options.demo ? await freeDemoEmail(users, 'demo') : undefined);
    if (email && (await users.emailTaken(email))) {
      console.error(`A user with the email ${email} already exists: choose another --admin-email`);
      return 2;
    }
    const created = await app.get(CreateWorkspaceUseCase).execute(name);
    const adminUser = email
      ? await createAdminWithGeneratedPassword(
          users,
          created.workspaceId,
          email,
          options.demo ? 'Demo admin' : 'Admin',
        )
      : undefined;
    let demoScenarioId: string | undefined;
    if (options.demo) {
      const scenario = await app
        .get(ScenariosService)
        .create(created.workspaceId, 'Welcome journey (demo)', scenarioGraphSchema.parse(welcomeScenario));
      await app.get(PublishScenarioUseCase).execute(created.workspaceId, scenario.id);
      demoScenarioId = scenario.id;
    }
    if (options.json) {
      console.log(JSON.stringify({ ...created, demoScenarioId, adminUser }));
    } else {
      console.log(`Workspace "${name}" created: ${created.workspaceId}`);
      console.log(`Admin key (Authorization: Bearer …): ${created.adminKey}`);
      console.log(`Write key (ingestion, HTTP Basic username): ${created.writeKey}`);
      if (adminUser) console.log(`Studio sign-in (admin): ${adminUser.email} / ${adminUser.password}`);
      if (demoScenarioId) console.log(`Demo scenario published: ${demoScenarioId}`);
      console.log('Keep the keys and password now: they are stored hashed and cannot be shown again.');
    }
    return 0;
  } finally {
    await app.close();
  }
}

runCli('Bootstrap', main);
