// GET requests takes up to 1,000 service_request_ids in its query (a client polls with every
// request it has sent). FixMyStreet's URI->query_form writes each comma as %2C: 1,000 UUIDs are
// about 39 KB of request line, over Node's 16 KB limit for the request line and headers (431).
import { maxHeaderSize as processDefault } from 'node:http';

/** Request line and headers together; 1,000 ids with room for the other parameters and headers. */
export const OPEN311_MAX_HEADER_BYTES = 64 * 1024;

/**
 * Raises the server's limit (never lowers it). Node reads `maxHeaderSize` from the server for each
 * new connection, the field `http.createServer({ maxHeaderSize })` sets (not in @types/node), so
 * this works on a server already made. A proxy in front has limits of its own (nginx: 8 KB a line).
 */
export function allowLongOpen311Urls(server: { maxHeaderSize?: number } | undefined): void {
  if (!server) return;
  if ((server.maxHeaderSize ?? processDefault) < OPEN311_MAX_HEADER_BYTES) server.maxHeaderSize = OPEN311_MAX_HEADER_BYTES;
}
