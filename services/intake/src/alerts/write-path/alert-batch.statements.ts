import type { EntityManager } from 'typeorm';
import { outboxParameters, outboxInsert, type OutboxRows } from '@jingwang/messaging';
import { jsonTexts, splitJsonTexts } from '@jingwang/persistence';
import type { AlertChannel } from '@jingwang/contracts';
import { jobKey } from '../report/alert-batch.plan.ts';
import type { RepeatCandidate } from '../report/repeat-call.matcher.ts';
import type { AlertAccepted } from '../alert.types.ts';
import type { FirstStatement } from './pipelined.transaction.ts';

export interface AlertRow {
  id: string;
  incidentId: string;
  channel: AlertChannel;
  externalId: string;
  reportedAt: string;
  typeCode: string | null;
  typeConfidence: number;
  needsTriage: boolean;
  description: string;
  callerName: string | null;
  callerPhone: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  gridCode: string | null;
  policeGridCode: string | null;
  communityCode: string | null;
  buildingKey: string | null;
  resolvedBy: string;
  attributes: Record<string, unknown> | null;
  media: unknown[] | null;
  actor: string;
  linkReason: string | null;
  response: AlertAccepted;
}

/** What `prepareStatement` locks and looks for. */
export interface PrepareQuery {
  lockKeys: string[];
  keys: { channel: AlertChannel; externalId: string }[];
  since: Date;
  /** Of the batch's linkable alerts, with their dispute families: candidates of other types are not returned. */
  typeCodes: string[];
  phones: string[];
  buildingKeys: string[];
  boxes: { minLat: number; maxLat: number; minLng: number; maxLng: number }[];
}

export type Candidate = RepeatCandidate & { typeCode: string | null; repeatCount: number };

/** The answers already stored, by job key, and the repeat-call candidates. */
export interface Prepared {
  stored: Map<string, AlertAccepted>;
  candidates: Candidate[];
}

/** A row of intake.prepare_batch. */
export interface PreparedRow {
  kind: 'stored' | 'candidate';
  channel: AlertChannel;
  external_id: string;
  response: AlertAccepted;
  incident_id: string;
  first_alert_id: string;
  type_code: string | null;
  repeat_count: number;
  caller_phone: string | null;
  building_key: string | null;
  lat: number | null;
  lng: number | null;
  reported_at: Date;
}

/** A row of `openIncidentAlerts`: an alert of an open incident that has a type. */
export type OpenIncidentAlertRow = Pick<PreparedRow, 'incident_id' | 'first_alert_id' | 'repeat_count' | 'caller_phone' | 'building_key' | 'lat' | 'lng' | 'reported_at'> & { type_code: string };

/** Everything one batch writes, in one statement. */
export interface BatchWrite {
  /** Incidents the batch opens; `repeatCount` counts the later alerts of the same batch linked to them. */
  newIncidents: { id: string; typeCode: string | null; firstAlertId: string; reportedAt: string; lastAlertAt: string; repeatCount: number }[];
  /** Alerts linked to incidents opened before the batch, and the count each incident must have after them. */
  repeats: { id: string; added: number; lastReportedAt: string; expectedCount: number }[];
  alerts: AlertRow[];
  outbox: OutboxRows;
}


const lockKeysOf = (q: PrepareQuery) => [...new Set(q.lockKeys)].sort();

/** The arguments of `intake.repeat_candidates`, in its order. */
const searchOf = (q: PrepareQuery) => [
  q.since,
  [...new Set(q.typeCodes)],
  q.phones,
  q.buildingKeys,
  q.boxes.map((b) => b.minLat),
  q.boxes.map((b) => b.maxLat),
  q.boxes.map((b) => b.minLng),
  q.boxes.map((b) => b.maxLng),
];


/** The statements of a batch's transaction, in plain SQL: at 2,000 alerts/s every round trip counts. */
export class AlertBatchStatements {
  /**
   * Takes the batch's advisory locks (same phone, building or place cell: what two calls about one
   * matter would share), then returns the answers already stored for its (channel, externalId)
   * pairs and the repeat-call candidates: one per open incident of the batch's types and phone,
   * building or nearby point it shares with the batch, with the latest report time. One statement
   * (migrations IntakePrepareBatch, IntakeRepeatCandidates), the first of the batch's transaction;
   * the search takes one index range per trait and reads each incident by its key, so its plan
   * cannot wander over every open incident, whatever the statistics say.
   */
  prepareStatement(q: PrepareQuery): FirstStatement & { name: string } {
    return {
      name: 'intake_prepare_batch',
      text: 'SELECT * FROM intake.prepare_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      values: [lockKeysOf(q), q.keys.map((k) => k.channel), q.keys.map((k) => k.externalId), ...searchOf(q)],
    };
  }

  /**
   * For a batch planned on the service's view of the open incidents (`OpenIncidentsCache`): takes
   * the same locks as `prepareStatement`, runs the same search, and fails with a serialization
   * failure (40001) unless it finds exactly the incidents of `planned`, at their repeat counts.
   */
  checkCandidatesStatement(q: PrepareQuery, planned: Candidate[]): FirstStatement & { name: string } {
    const counts = new Map(planned.map((c) => [c.incidentId, c.repeatCount]));
    return {
      name: 'intake_check_batch_candidates',
      text: 'SELECT intake.check_batch_candidates($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      values: [lockKeysOf(q), ...searchOf(q), [...counts.keys()], [...counts.values()]],
    };
  }

  /** The alerts reported since `since` of the open incidents that have a type (of `ids` only, if given), for `OpenIncidentsCache`. */
  async openIncidentAlerts(m: EntityManager, since: Date, ids?: string[]): Promise<OpenIncidentAlertRow[]> {
    return m.query(
      `SELECT i.id AS incident_id, i.first_alert_id, i.type_code, i.repeat_count, a.caller_phone, a.building_key, a.lat, a.lng, a.reported_at
         FROM intake.incidents i JOIN intake.alerts a ON a.incident_id = i.id
        WHERE i.status = 'open' AND i.type_code IS NOT NULL AND a.reported_at >= $1 ${ids ? 'AND i.id = ANY($2::uuid[])' : ''}`,
      ids ? [since, ids] : [since],
    );
  }

  prepared(rows: PreparedRow[]): Prepared {
    const stored = new Map<string, AlertAccepted>();
    const candidates: Candidate[] = [];
    for (const r of rows) {
      if (r.kind === 'stored') stored.set(jobKey({ channel: r.channel, externalId: r.external_id }), r.response);
      else
        candidates.push({
          incidentId: r.incident_id,
          firstAlertId: r.first_alert_id,
          typeCode: r.type_code,
          repeatCount: r.repeat_count,
          phone: r.caller_phone,
          buildingKey: r.building_key,
          lat: r.lat,
          lng: r.lng,
          reportedAt: new Date(r.reported_at),
        });
    }
    return { stored, candidates };
  }

  /**
   * Opens the batch's incidents, adds its repeats, inserts its alerts and queues its events: one
   * statement, sent with the COMMIT. It checks its own ground: it fails with a serialization
   * failure (40001, intake.check_batch_ground) when an incident it repeats was closed or repeated
   * meanwhile (its count is not `expectedCount`), with a unique violation (23505) when another
   * writer stored one of the alerts first, and with a foreign-key violation (23503,
   * intake.check_alert_incidents) should an alert name an incident it neither opens nor repeats.
   */
  writeStatement(w: BatchWrite): FirstStatement & { name: string } {
    const { newIncidents: inc, repeats, alerts: rows, outbox } = w;
    const col = <K extends keyof AlertRow>(k: K) => rows.map((r) => r[k]);
    const json = (k: 'attributes' | 'media' | 'response') => jsonTexts(rows.map((r) => (r[k] ? JSON.stringify(r[k]) : null)));
    return {
      name: 'intake_write_batch_checked',
      text: `WITH opened AS (
         INSERT INTO intake.incidents (id, status, type_code, first_alert_id, opened_at, last_alert_at, repeat_count)
         SELECT id, 'open', type_code, first_alert_id, at, greatest(at, last_at), n
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::int[]) AS t(id, type_code, first_alert_id, at, last_at, n)),
       repeated AS (
         UPDATE intake.incidents i SET repeat_count = i.repeat_count + v.added, last_alert_at = greatest(i.last_alert_at, v.last_at), updated_at = now()
           FROM unnest($7::uuid[], $8::int[], $9::timestamptz[], $38::int[]) AS v(id, added, last_at, expected)
          WHERE i.id = v.id AND i.status = 'open' RETURNING i.repeat_count = v.expected AS as_planned),
       stored AS (
         -- No ON CONFLICT: a (channel, external_id) stored first fails the batch (23505), which is
         -- then planned on a search that finds its answer; the speculative insert cost every alert.
         INSERT INTO intake.alerts (id, incident_id, channel, external_id, reported_at, type_code, type_confidence, needs_triage,
           description, caller_name, caller_phone, address, lat, lng, grid_code, police_grid_code, community_code, building_key,
           location_resolved_by, attributes, media, actor, link_reason, response)
         SELECT * FROM unnest($10::uuid[], $11::uuid[], $12::text[], $13::text[], $14::timestamptz[], $15::text[], $16::real[], $17::boolean[],
           $18::text[], $19::text[], $20::text[], $21::text[], $22::float8[], $23::float8[], $24::text[], $25::text[], $26::text[], $27::text[],
           $28::text[], ${splitJsonTexts('$29')}::jsonb[], ${splitJsonTexts('$30')}::jsonb[], $31::text[], $32::text[], ${splitJsonTexts('$33')}::jsonb[])),
       ${outboxInsert('intake', 34, '$40')}
       -- (opened, stored and the outbox's rows run without being read: a data-modifying WITH always runs to completion)
       SELECT intake.check_batch_ground((SELECT count(*) FILTER (WHERE as_planned) FROM repeated) = $39)
              AND intake.check_alert_incidents(NOT EXISTS (
                SELECT 1 FROM unnest($11::uuid[]) AS a(incident_id) WHERE a.incident_id <> ALL($1::uuid[]) AND a.incident_id <> ALL($7::uuid[]))) AS ok`,
      values: [
        inc.map((i) => i.id), inc.map((i) => i.typeCode), inc.map((i) => i.firstAlertId), inc.map((i) => i.reportedAt), inc.map((i) => i.lastAlertAt), inc.map((i) => i.repeatCount),
        repeats.map((r) => r.id), repeats.map((r) => r.added), repeats.map((r) => r.lastReportedAt),
        col('id'), col('incidentId'), col('channel'), col('externalId'), col('reportedAt'), col('typeCode'), col('typeConfidence'), col('needsTriage'),
        col('description'), col('callerName'), col('callerPhone'), col('address'), col('lat'), col('lng'), col('gridCode'), col('policeGridCode'), col('communityCode'), col('buildingKey'),
        col('resolvedBy'), json('attributes'), json('media'), col('actor'), col('linkReason'), json('response'),
        ...outboxParameters(outbox),
        repeats.map((r) => r.expectedCount), repeats.length, outbox.leaseSeconds,
      ],
    };
  }
}
