import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The repeat-call search's indexes carry the incident id, so that it reads them alone: a building
 * called about 40 times in three days (one incident) cost 40 heap reads for each alert of a batch
 * that named it, and the check of every batch grew with the calls stored. An index-only scan
 * needs the visibility map set, which the service's own paced VACUUM of `intake.alerts` keeps
 * (alerts are only inserted; see `INTAKE_VACUUM_EVERY_ALERTS`).
 */
export class IntakeSearchIndexOnly1764310000005 implements MigrationInterface {
  name = 'IntakeSearchIndexOnly1764310000005';

  async up(q: QueryRunner): Promise<void> {
    await this.indexes(q, 'INCLUDE (incident_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await this.indexes(q, '');
  }

  private async indexes(q: QueryRunner, include: string): Promise<void> {
    for (const [name, columns, where] of [
      ['alerts_phone', 'caller_phone, reported_at', 'caller_phone IS NOT NULL'],
      ['alerts_building', 'building_key, reported_at', 'building_key IS NOT NULL'],
      ['alerts_place', 'lat, lng, reported_at', 'lat IS NOT NULL'],
    ]) {
      await q.query(`DROP INDEX intake.${name}`);
      await q.query(`CREATE INDEX ${name} ON intake.alerts (${columns}) ${include} WHERE ${where}`);
    }
  }
}
