import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { welcomeScenario } from '@parcours/domain';
import { PublishScenarioUseCase } from '../scenarios/publish-scenario.usecase';
import { ScenariosService } from '../scenarios/scenarios.service';
import { CreateWorkspaceUseCase } from '../workspaces/create-workspace.usecase';
import { CliModule } from './cli.module';
import { runCli } from './run-cli';

const USAGE = `Usage: bootstrap --name <workspace name> [--demo] [--json]

Creates a workspace and prints its admin key and ingestion write key (shown only once).
  --demo   also creates and publishes the demo welcome scenario
  --json   print one JSON object instead of text`;

async function main(): Promise<number> {
  let options: { name?: string; demo?: boolean; json?: boolean; help?: boolean };
  try {
    options = parseArgs({
      options: {
        name: { type: 'string' },
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

  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const created = await app.get(CreateWorkspaceUseCase).execute(name);
    let demoScenarioId: string | undefined;
    if (options.demo) {
      const scenario = await app
        .get(ScenariosService)
        .create(created.workspaceId, 'Welcome journey (demo)', welcomeScenario);
      await app.get(PublishScenarioUseCase).execute(created.workspaceId, scenario.id);
      demoScenarioId = scenario.id;
    }
    if (options.json) {
      console.log(JSON.stringify({ ...created, demoScenarioId }));
    } else {
      console.log(`Workspace "${name}" created: ${created.workspaceId}`);
      console.log(`Admin key (Authorization: Bearer …): ${created.adminKey}`);
      console.log(`Write key (ingestion, HTTP Basic username): ${created.writeKey}`);
      if (demoScenarioId) console.log(`Demo scenario published: ${demoScenarioId}`);
      console.log('Keep the keys now: they are stored hashed and cannot be shown again.');
    }
    return 0;
  } finally {
    await app.close();
  }
}

runCli('Bootstrap', main);
