import { maxHeaderSize } from 'node:http';
import { allowLongOpen311Urls, OPEN311_MAX_HEADER_BYTES } from './open311.url-limit.ts';

describe('allowLongOpen311Urls', () => {
  it("fits 1,000 ids as FixMyStreet writes them (each comma as %2C)", () => {
    const ids = Array.from({ length: 1000 }, () => '6f1c2a52-0000-4000-8000-000000000001').join('%2C');
    const requestLine = `GET /open311/v2/requests.xml?service_request_id=${ids}&jurisdiction_id=shinan HTTP/1.1\r\n`;
    expect(requestLine.length).toBeGreaterThan(maxHeaderSize);
    expect(requestLine.length + 2048).toBeLessThan(OPEN311_MAX_HEADER_BYTES);
  });

  it('raises the limit of a server, never lowers it, and lets a missing server be', () => {
    const server: { maxHeaderSize?: number } = {};
    allowLongOpen311Urls(server);
    expect(server.maxHeaderSize).toBe(OPEN311_MAX_HEADER_BYTES);
    const larger = { maxHeaderSize: 4 * OPEN311_MAX_HEADER_BYTES };
    allowLongOpen311Urls(larger);
    expect(larger.maxHeaderSize).toBe(4 * OPEN311_MAX_HEADER_BYTES);
    expect(() => allowLongOpen311Urls(undefined)).not.toThrow();
  });
});
