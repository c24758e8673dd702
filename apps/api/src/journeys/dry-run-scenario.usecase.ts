import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  HttpRequestError,
  type NodeExecutionContext,
  type NodeRegistry,
  PermanentNodeError,
  profileView,
  type Simulation,
  simulateJourney,
} from '@parcours/domain';
import { type JourneyDefinition } from '@parcours/domain/journey';
import { DataSource } from 'typeorm';
import { NODE_REGISTRY } from '../nodes/node-registry';
import { ProfileSnapshots } from '../profiles/profile-snapshots';
import { MessageTemplates } from '../templates/message-templates.service';

/**
 * "Test a journey": the path a customer would take through a version now, without waiting,
 * sending or changing anything. Conditions read the real profile and segment memberships; a send
 * reports what consent would allow; a profile update is reported, not applied.
 */
@Injectable()
export class DryRunScenarioUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfileSnapshots,
    private readonly templates: MessageTemplates,
    @Inject(NODE_REGISTRY) private readonly registry: NodeRegistry,
  ) {}

  async execute(
    workspaceId: string,
    scenarioId: string,
    profileId: string,
    version?: number,
  ): Promise<Simulation & { version: number }> {
    const [found]: { version: number; definition: JourneyDefinition }[] = await this.dataSource.query(
      `SELECT v.version, v.definition FROM scenarios s
       JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = COALESCE($3, s.current_version)
       WHERE s.id = $1 AND s.workspace_id = $2`,
      [scenarioId, workspaceId, version ?? null],
    );
    if (!found)
      throw new NotFoundException(
        `Scenario ${scenarioId} has no ${version ? `version ${version}` : 'published version'}`,
      );
    const profile = await this.profiles.find(workspaceId, profileId);
    if (!profile) throw new NotFoundException(`Profile ${profileId} not found`);

    const now = new Date();
    const simulation = await simulateJourney(
      found.definition,
      this.registry,
      profile.id,
      (step, iteration) => {
        const context: NodeExecutionContext = {
          journey: {
            workspaceId,
            journeyId: 'dry-run',
            scenarioId,
            scenarioVersionId: 'dry-run',
            profileId: profile.id,
            enteredAt: now.toISOString(),
          },
          step: { id: step.id, type: step.type, iteration, attempt: 1 },
          idempotencyKey: `dry-run:${step.id}:${iteration}`,
          now,
          variables: {},
          profile: async () => profile,
          templateVariables: async () => ({ profile: profileView(profile), event: {}, journey: {} }),
          // Pressure rules depend on the moment and on other sends: a dry run reports consent only.
          send: async (message) =>
            profile.consents[message.channel]?.status === 'granted'
              ? { status: 'sent' }
              : { status: 'skipped', reason: `no_${message.channel}_consent` },
          messageTemplate: (reference) => this.templates.pinned(workspaceId, reference),
          isSegmentMember: async (segmentId) => {
            const rows = await this.dataSource.query(
              `SELECT 1 FROM segment_memberships WHERE segment_id = $1 AND profile_id = $2`,
              [segmentId, profile.id],
            );
            return rows.length > 0;
          },
          engagement: async () => ({ sent: false, delivered: false, opened: false, clicked: false }),
          updateProfile: async () => undefined,
          // A dry run calls nobody: a webhook step reports that it would have been called.
          http: {
            request: async () => {
              throw new HttpRequestError('refused_destination', 'not called during a dry run');
            },
          },
          recordedEffect: (effect) => effect(),
          logger: {
            debug: () => undefined,
            info: () => undefined,
            warn: () => undefined,
            error: () => undefined,
          },
          // Secrets stay on the workers; a custom node needing one reports that it would fail.
          secret: () => {
            throw new PermanentNodeError('secrets are not read during a dry run');
          },
        };
        return context;
      },
    );
    return { version: found.version, ...simulation };
  }
}
