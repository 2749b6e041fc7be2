import type { MigrationInterface, QueryRunner } from 'typeorm';
import { IntakePrepareBatch1764310000001 } from './prepare-batch.migration.ts';

/**
 * `intake.prepare_batch` returns one candidate per (open incident, matching phone / building /
 * point) with the latest report time among its alerts, of the batch's types only, instead of
 * every alert of those incidents: an incident with many repeat calls at one building was sent,
 * parsed and matched once per call, so each batch grew with the incidents' histories. And it reads
 * each candidate's incident by its key: the planner hashed all open incidents instead (7,567 of
 * them: 9.9 ms of a 10 ms search, against 2.6 ms now, by EXPLAIN ANALYZE on a benchmark database),
 * and plans its queries once (see the SET below).
 */
export class IntakeRepeatCandidates1764310000002 implements MigrationInterface {
  name = 'IntakeRepeatCandidates1764310000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION intake.prepare_batch`);
    await q.query(`
      CREATE FUNCTION intake.prepare_batch(
        lock_keys text[], channels text[], external_ids text[], since timestamptz, type_codes text[], phones text[], building_keys text[],
        min_lat float8[], max_lat float8[], min_lng float8[], max_lng float8[])
      RETURNS TABLE (kind text, channel text, external_id text, response jsonb, incident_id uuid, first_alert_id uuid,
                     type_code text, repeat_count integer, caller_phone text, building_key text, lat float8, lng float8, reported_at timestamptz)
      LANGUAGE plpgsql
      -- A custom plan for each call weighed every element of the arrays against the statistics:
      -- 15-20 ms a call for a batch of 37 alerts, against 2 ms with the one generic plan (whose
      -- shape the LATERAL below keeps to index lookups whatever the estimates).
      SET plan_cache_mode = force_generic_plan
      AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext(k)) FROM unnest(lock_keys) WITH ORDINALITY AS t(k, n) ORDER BY n;
        RETURN QUERY
          SELECT 'stored', a.channel, a.external_id, a.response, NULL::uuid, NULL::uuid, NULL, NULL::integer, NULL, NULL, NULL::float8, NULL::float8, NULL::timestamptz
            FROM unnest(channels, external_ids) AS k(channel, external_id)
            JOIN intake.alerts a ON a.channel = k.channel AND a.external_id = k.external_id;
        -- Each branch keeps only the trait it matched on, so the alerts of one incident collapse into one row per trait value.
        -- The incident of each is then read by its key (LATERAL ... LIMIT 1 keeps the planner from hashing every open incident).
        RETURN QUERY
          SELECT 'candidate', NULL, NULL, NULL::jsonb, c.incident_id, i.first_alert_id, i.type_code, i.repeat_count, c.phone, c.building, c.lat, c.lng, c.at
            FROM (SELECT a.incident_id, a.phone, a.building, a.lat, a.lng, max(a.at) AS at
                    FROM (SELECT alerts.incident_id, alerts.caller_phone AS phone, NULL AS building, NULL::float8 AS lat, NULL::float8 AS lng, alerts.reported_at AS at
                            FROM intake.alerts WHERE alerts.caller_phone = ANY(phones) AND alerts.reported_at >= since
                          UNION ALL
                          SELECT alerts.incident_id, NULL, alerts.building_key, NULL, NULL, alerts.reported_at
                            FROM intake.alerts WHERE alerts.building_key = ANY(building_keys) AND alerts.reported_at >= since
                          UNION ALL
                          SELECT a2.incident_id, NULL, NULL, a2.lat, a2.lng, a2.reported_at
                            FROM unnest(min_lat, max_lat, min_lng, max_lng) AS b(min_lat, max_lat, min_lng, max_lng)
                            JOIN intake.alerts a2 ON a2.lat BETWEEN b.min_lat AND b.max_lat AND a2.lng BETWEEN b.min_lng AND b.max_lng AND a2.reported_at >= since) a
                   GROUP BY 1, 2, 3, 4, 5) c
            CROSS JOIN LATERAL (SELECT i.first_alert_id, i.type_code, i.repeat_count FROM intake.incidents i
                                 WHERE i.id = c.incident_id AND i.status = 'open' AND i.type_code = ANY(type_codes) LIMIT 1) i;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION intake.prepare_batch`);
    await new IntakePrepareBatch1764310000001().up(q);
  }
}
