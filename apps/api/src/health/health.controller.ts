import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { type Response } from 'express';
import { DataSource } from 'typeorm';

type Check = 'up' | 'down';

/** 200 when both Postgres and Temporal answer within two seconds, 503 otherwise. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
  ) {}

  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    const [postgres, temporal] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() =>
        this.temporal.connection.withDeadline(Date.now() + 2_000, () =>
          this.temporal.connection.workflowService.getSystemInfo({}),
        ),
      ),
    ]);
    const ok = postgres === 'up' && temporal === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', postgres, temporal };
  }

  private async probe(check: () => Promise<unknown>): Promise<Check> {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000));
    try {
      await Promise.race([check(), timeout]);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
