import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What the profile 360 view, the GDPR export and erasure read by profile: the message ledger and
 * merged-away pointers get indexes, and an identity remembers the profile it was merged from, so a
 * reference to a merged-away customer (`GET /profiles/B` after B was merged into A) can say so.
 */
export class Profile360Erasure1764100000000 implements MigrationInterface {
  name = 'Profile360Erasure1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX message_ledger_profile_idx ON message_ledger (profile_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX profiles_merged_into_idx ON profiles (merged_into) WHERE merged_into IS NOT NULL`,
    );

    // Identities only ever change owner in a merge: record the profile they first belonged to.
    await q.query(`ALTER TABLE profile_identities ADD COLUMN merged_from uuid`);
    await q.query(`
      CREATE FUNCTION parcours_identity_merged_from() RETURNS trigger AS $$
      BEGIN
        NEW.merged_from := COALESCE(OLD.merged_from, OLD.profile_id);
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await q.query(`
      CREATE TRIGGER profile_identities_merged_from BEFORE UPDATE OF profile_id ON profile_identities
      FOR EACH ROW WHEN (OLD.profile_id IS DISTINCT FROM NEW.profile_id)
      EXECUTE FUNCTION parcours_identity_merged_from()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER profile_identities_merged_from ON profile_identities`);
    await q.query(`DROP FUNCTION parcours_identity_merged_from()`);
    await q.query(`ALTER TABLE profile_identities DROP COLUMN merged_from`);
    await q.query(`DROP INDEX profiles_merged_into_idx`);
    await q.query(`DROP INDEX message_ledger_profile_idx`);
  }
}
