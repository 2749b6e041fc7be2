import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `intake.prepare_batch`: what a batch of new alerts must know before it is planned, in one round
 * trip instead of three. It takes the advisory locks of the batch's matters (in the given order),
 * then returns the answers already stored for its (channel, external_id) pairs (kind 'stored') and
 * the alerts of open incidents that share a phone, a building or a nearby point with it (kind
 * 'candidate'). Each query in a plpgsql function reads a fresh snapshot, so both see what a
 * transaction that held one of the locks committed before this one got it.
 */
export class IntakePrepareBatch1764310000001 implements MigrationInterface {
  name = 'IntakePrepareBatch1764310000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION intake.prepare_batch(
        lock_keys text[], channels text[], external_ids text[], since timestamptz, phones text[], building_keys text[],
        min_lat float8[], max_lat float8[], min_lng float8[], max_lng float8[])
      RETURNS TABLE (kind text, channel text, external_id text, response jsonb, incident_id uuid, first_alert_id uuid,
                     type_code text, repeat_count integer, caller_phone text, building_key text, lat float8, lng float8, reported_at timestamptz)
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext(k)) FROM unnest(lock_keys) WITH ORDINALITY AS t(k, n) ORDER BY n;
        RETURN QUERY
          SELECT 'stored', a.channel, a.external_id, a.response, NULL::uuid, NULL::uuid, NULL, NULL::integer, NULL, NULL, NULL::float8, NULL::float8, NULL::timestamptz
            FROM unnest(channels, external_ids) AS k(channel, external_id)
            JOIN intake.alerts a ON a.channel = k.channel AND a.external_id = k.external_id;
        RETURN QUERY
          SELECT 'candidate', NULL, NULL, NULL::jsonb, a.incident_id, i.first_alert_id, i.type_code, i.repeat_count, a.caller_phone, a.building_key, a.lat, a.lng, a.reported_at
            FROM (SELECT * FROM intake.alerts WHERE alerts.caller_phone = ANY(phones) AND alerts.reported_at >= since
                  UNION ALL
                  SELECT * FROM intake.alerts WHERE alerts.building_key = ANY(building_keys) AND alerts.reported_at >= since
                  UNION ALL
                  SELECT a2.* FROM unnest(min_lat, max_lat, min_lng, max_lng) AS b(min_lat, max_lat, min_lng, max_lng)
                    JOIN intake.alerts a2 ON a2.lat BETWEEN b.min_lat AND b.max_lat AND a2.lng BETWEEN b.min_lng AND b.max_lng AND a2.reported_at >= since) a
            JOIN intake.incidents i ON i.id = a.incident_id
           WHERE i.status = 'open';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION intake.prepare_batch`);
  }
}
