import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * De-duplication claims keyed on a fixed-size hash of the messageId instead of the messageId
 * itself (up to 200 characters): every ingested event inserts one, so a 16-byte key keeps the
 * unique index small and cheap to insert into. `parcours_message_key` is the one definition of the
 * key (an inlined SQL function); the workspace stays a key column of its own, so no two workspaces
 * can ever meet on a hash. The claim's arrival time was never read: it goes.
 */
export class MessageKeys1764200000000 implements MigrationInterface {
  name = 'MessageKeys1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION parcours_message_key(message_id text) RETURNS uuid
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT md5(message_id)::uuid $$`);
    await q.query(`ALTER TABLE event_message_ids RENAME TO event_message_ids_by_text`);
    await q.query(
      `ALTER TABLE event_message_ids_by_text RENAME CONSTRAINT event_message_ids_pkey TO event_message_ids_by_text_pkey`,
    );
    await q.query(`
      CREATE TABLE event_message_ids (
        workspace_id uuid NOT NULL,
        message_key uuid NOT NULL,
        event_id uuid NOT NULL
      )`);
    await q.query(`
      INSERT INTO event_message_ids (workspace_id, message_key, event_id)
      SELECT workspace_id, parcours_message_key(message_id), event_id FROM event_message_ids_by_text`);
    await q.query(`ALTER TABLE event_message_ids ADD PRIMARY KEY (workspace_id, message_key)`);
    await q.query(`DROP TABLE event_message_ids_by_text`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Every claim belongs to a stored event, which still has the messageId in full.
    await q.query(`
      CREATE TABLE event_message_ids_by_text (
        workspace_id uuid NOT NULL,
        message_id text NOT NULL,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, message_id)
      )`);
    await q.query(`
      INSERT INTO event_message_ids_by_text (workspace_id, message_id, event_id, received_at)
      SELECT e.workspace_id, e.message_id, e.id, e.received_at
      FROM event_message_ids m JOIN events e ON e.id = m.event_id AND e.workspace_id = m.workspace_id`);
    await q.query(`DROP TABLE event_message_ids`);
    await q.query(`ALTER TABLE event_message_ids_by_text RENAME TO event_message_ids`);
    await q.query(
      `ALTER TABLE event_message_ids RENAME CONSTRAINT event_message_ids_by_text_pkey TO event_message_ids_pkey`,
    );
    await q.query(`DROP FUNCTION parcours_message_key(text)`);
  }
}
