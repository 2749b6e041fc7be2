import type { MigrationInterface, QueryRunner } from 'typeorm';
import { IntakeRepeatCandidates1764310000002 } from './repeat-candidates.migration.ts';

/**
 * The repeat-call search as a function of its own, `intake.repeat_candidates` (inlined by the
 * planner into its callers), used by `intake.prepare_batch` as before and by
 * `intake.check_batch_candidates`: the batches planned on the service's own view of the open
 * incidents take the same advisory locks, run the same search on a fresh snapshot, and raise a
 * serialization failure (40001) unless it finds exactly the incidents, at exactly the repeat
 * counts, that the plan was made on. The batch then goes in one round trip instead of two.
 */
export class IntakeCandidateCheck1764310000004 implements MigrationInterface {
  name = 'IntakeCandidateCheck1764310000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION intake.repeat_candidates(
        since timestamptz, type_codes text[], phones text[], building_keys text[], min_lat float8[], max_lat float8[], min_lng float8[], max_lng float8[])
      RETURNS TABLE (incident_id uuid, first_alert_id uuid, type_code text, repeat_count integer,
                     caller_phone text, building_key text, lat float8, lng float8, reported_at timestamptz)
      LANGUAGE sql STABLE AS $$
        -- Each branch keeps only the trait it matched on, so the alerts of one incident collapse into one row per trait value.
        -- The incident of each is then read by its key (LATERAL ... LIMIT 1 keeps the planner from hashing every open incident).
        SELECT c.incident_id, i.first_alert_id, i.type_code, i.repeat_count, c.phone, c.building, c.lat, c.lng, c.at
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
                               WHERE i.id = c.incident_id AND i.status = 'open' AND i.type_code = ANY(type_codes) LIMIT 1) i
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION intake.prepare_batch(
        lock_keys text[], channels text[], external_ids text[], since timestamptz, type_codes text[], phones text[], building_keys text[],
        min_lat float8[], max_lat float8[], min_lng float8[], max_lng float8[])
      RETURNS TABLE (kind text, channel text, external_id text, response jsonb, incident_id uuid, first_alert_id uuid,
                     type_code text, repeat_count integer, caller_phone text, building_key text, lat float8, lng float8, reported_at timestamptz)
      LANGUAGE plpgsql
      -- A custom plan for each call weighed every element of the arrays against the statistics:
      -- 15-20 ms a call for a batch of 37 alerts, against 2 ms with the one generic plan.
      SET plan_cache_mode = force_generic_plan
      AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext(k)) FROM unnest(lock_keys) WITH ORDINALITY AS t(k, n) ORDER BY n;
        RETURN QUERY
          SELECT 'stored', a.channel, a.external_id, a.response, NULL::uuid, NULL::uuid, NULL, NULL::integer, NULL, NULL, NULL::float8, NULL::float8, NULL::timestamptz
            FROM unnest(channels, external_ids) AS k(channel, external_id)
            JOIN intake.alerts a ON a.channel = k.channel AND a.external_id = k.external_id;
        RETURN QUERY
          SELECT 'candidate', NULL, NULL, NULL::jsonb, c.*
            FROM intake.repeat_candidates(since, type_codes, phones, building_keys, min_lat, max_lat, min_lng, max_lng) c;
      END $$`);
    await q.query(`
      CREATE FUNCTION intake.check_batch_candidates(
        lock_keys text[], since timestamptz, type_codes text[], phones text[], building_keys text[],
        min_lat float8[], max_lat float8[], min_lng float8[], max_lng float8[], expected_ids uuid[], expected_counts integer[])
      RETURNS boolean
      LANGUAGE plpgsql
      SET plan_cache_mode = force_generic_plan
      AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext(k)) FROM unnest(lock_keys) WITH ORDINALITY AS t(k, n) ORDER BY n;
        IF EXISTS (SELECT 1
                     FROM (SELECT DISTINCT c.incident_id, c.repeat_count
                             FROM intake.repeat_candidates(since, type_codes, phones, building_keys, min_lat, max_lat, min_lng, max_lng) c) f
                     FULL JOIN unnest(expected_ids, expected_counts) AS e(id, n) ON e.id = f.incident_id AND e.n = f.repeat_count
                    WHERE f.incident_id IS NULL OR e.id IS NULL) THEN
          RAISE EXCEPTION 'intake batch: the open incidents it was planned on are not those in the database'
            USING ERRCODE = 'serialization_failure', HINT = 'plan the batch on a search';
        END IF;
        RETURN true;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION intake.check_batch_candidates');
    await q.query('DROP FUNCTION intake.repeat_candidates');
    await new IntakeRepeatCandidates1764310000002().up(q); // drops prepare_batch and makes it again as it was
  }
}
