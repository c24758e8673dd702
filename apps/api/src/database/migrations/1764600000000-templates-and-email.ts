import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Message templates (one row per message, every save an immutable version that publishing pins),
 * each workspace's email sender identity, and the email suppression list: addresses that bounced
 * for good or complained, kept as SHA-256 digests of the lower-cased address so the list still
 * works after the customer is erased without keeping a readable address.
 */
export class TemplatesAndEmail1764600000000 implements MigrationInterface {
  name = 'TemplatesAndEmail1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        latest_version integer NOT NULL DEFAULT 1,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE UNIQUE INDEX message_templates_name_idx ON message_templates (workspace_id, lower(name))
      WHERE archived_at IS NULL`);
    await q.query(`
      CREATE TABLE message_template_versions (
        template_id uuid NOT NULL REFERENCES message_templates(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        content jsonb NOT NULL,
        compiled_html text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (template_id, version)
      )`);
    await q.query(`ALTER TABLE workspaces ADD COLUMN email_sender jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE TABLE email_suppressions (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        address_hash bytea NOT NULL,
        reason text NOT NULL CHECK (reason IN ('hard_bounce', 'complaint', 'manual')),
        detail text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, address_hash)
      )`);
    await q.query(`
      CREATE FUNCTION parcours_address_hash(address text) RETURNS bytea
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT sha256(convert_to(lower(trim(address)), 'UTF8')) $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION parcours_address_hash(text)`);
    await q.query(`DROP TABLE email_suppressions`);
    await q.query(`ALTER TABLE workspaces DROP COLUMN email_sender`);
    await q.query(`DROP TABLE message_template_versions`);
    await q.query(`DROP TABLE message_templates`);
  }
}
