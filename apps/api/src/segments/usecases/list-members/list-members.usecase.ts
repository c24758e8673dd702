import { Readable } from 'node:stream';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SegmentsRepository } from '../../persistence/segments.repository';

interface MemberRow {
  profileId: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  segmentVersion: number;
  enteredAt: Date;
}

/** Members are read (and exported) this many at a time, in profile id order. */
const EXPORT_PAGE = 5_000;
const CSV_COLUMNS = ['profile_id', 'user_id', 'email', 'phone', 'segment_version', 'entered_at'] as const;

/**
 * A CSV cell: quoted when needed, and a value a spreadsheet would run as a formula (`=`, `+`, `-`,
 * `@`, tab, carriage return first) is prefixed with `'` (OWASP's advice against CSV injection).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The materialised members of a segment: a page, or all of them as CSV. */
@Injectable()
export class ListMembersUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly segments: SegmentsRepository,
  ) {}

  async page(workspaceId: string, segmentId: string, limit: number, after?: string) {
    await this.segmentOf(workspaceId, segmentId);
    const rows = await this.members(segmentId, limit + 1, after);
    const members = rows.slice(0, limit).map(({ phone: _phone, ...member }) => ({
      ...member,
      enteredAt: member.enteredAt.toISOString(),
    }));
    return { members, nextCursor: rows.length > limit ? members[members.length - 1].profileId : null };
  }

  /** Resolves the segment first (a 404 stays a 404), then streams the file page by page. */
  async csv(workspaceId: string, segmentId: string): Promise<{ body: Readable }> {
    await this.segmentOf(workspaceId, segmentId);
    const pages = async function* (this: ListMembersUseCase) {
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      let after: string | undefined;
      for (;;) {
        const rows = await this.members(segmentId, EXPORT_PAGE, after);
        if (rows.length > 0) {
          yield (
            rows
              .map((r) =>
                [r.profileId, r.userId, r.email, r.phone, r.segmentVersion, r.enteredAt.toISOString()]
                  .map(csvCell)
                  .join(','),
              )
              .join('\r\n') + '\r\n'
          );
        }
        if (rows.length < EXPORT_PAGE) return;
        after = rows[rows.length - 1].profileId;
      }
    };
    return { body: Readable.from(pages.call(this)) };
  }

  private async segmentOf(workspaceId: string, segmentId: string) {
    const segment = await this.segments.find(this.dataSource.manager, workspaceId, segmentId);
    if (!segment) throw new NotFoundException(`Segment ${segmentId} not found`);
    return segment;
  }

  private members(segmentId: string, limit: number, after?: string): Promise<MemberRow[]> {
    return this.dataSource.query(
      `SELECT m.profile_id AS "profileId", p.external_id AS "userId", p.email, p.phone,
              m.segment_version AS "segmentVersion", m.entered_at AS "enteredAt"
       FROM segment_memberships m JOIN profiles p ON p.id = m.profile_id
       WHERE m.segment_id = $1 AND m.profile_id > COALESCE($2::uuid, '00000000-0000-0000-0000-000000000000')
       ORDER BY m.profile_id LIMIT $3`,
      [segmentId, after ?? null, limit],
    );
  }
}
