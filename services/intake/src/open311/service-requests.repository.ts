import type { EntityManager } from 'typeorm';
import type { AlertAccepted } from '../alerts/alert.types.ts';
import type { ServiceRequestSource } from './open311.format.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Service requests by id, for `GET requests?service_request_id=` and `GET requests/{id}`: a client
 * polls with every request it has sent (FixMyStreet: up to hundreds), so the ids go to the primary
 * key as one uuid[] (an id compared as text would read every alert). An id that is not a UUID
 * cannot be ours and matches nothing.
 */
export class ServiceRequestsRepository {
  async byIds(m: EntityManager, ids: readonly string[]): Promise<ServiceRequestSource[]> {
    const uuids = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    if (uuids.length === 0) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT a.response, a.reported_at, a.description, a.address, a.lat, a.lng, a.media, i.status AS incident_status, i.updated_at AS incident_updated_at
         FROM intake.alerts a JOIN intake.incidents i ON i.id = a.incident_id
        WHERE a.id = ANY($1::uuid[])
        ORDER BY a.received_at DESC, a.id DESC`,
      [uuids],
    );
    return rows.map((r) => {
      // As the alert views read it: the stored answer, then the incident's state.
      const { alertId, status, linkedTo, typeCode, needsTriage } = r.response as AlertAccepted;
      return {
        alertId,
        status,
        linkedTo,
        typeCode,
        needsTriage,
        reportedAt: new Date(r.reported_at as string).toISOString(),
        description: r.description as string,
        location: { ...(r.address ? { address: r.address as string } : {}), ...(r.lat !== null ? { lat: r.lat as number, lng: r.lng as number } : {}) },
        media: r.media as ServiceRequestSource['media'],
        incidentStatus: r.incident_status as ServiceRequestSource['incidentStatus'],
        incidentUpdatedAt: new Date(r.incident_updated_at as string).toISOString(),
      };
    });
  }
}
