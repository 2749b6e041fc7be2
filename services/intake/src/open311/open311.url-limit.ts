// GET requests takes up to 1,000 service_request_ids in its query (a client polls with every
// request it has sent). FixMyStreet's URI->query_form writes each comma as %2C: 1,000 UUIDs are
// about 39 KB of request line, over Node's 16 KB limit for the request line and headers (431).
// Intake's server is made with this limit (createIntakeApp); a proxy in front has limits of its own
// (nginx: 8 KB a line).

/** Request line and headers together; 1,000 ids with room for the other parameters and headers. */
export const OPEN311_MAX_HEADER_BYTES = 64 * 1024;
