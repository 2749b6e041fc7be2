import { maxHeaderSize } from 'node:http';
import { OPEN311_MAX_HEADER_BYTES } from './open311.url-limit.ts';

describe('OPEN311_MAX_HEADER_BYTES', () => {
  it('fits 1,000 ids as FixMyStreet writes them (each comma as %2C), which Node\'s default does not', () => {
    const ids = Array.from({ length: 1000 }, () => '6f1c2a52-0000-4000-8000-000000000001').join('%2C');
    const requestLine = `GET /open311/v2/requests.xml?service_request_id=${ids}&jurisdiction_id=shinan HTTP/1.1\r\n`;
    expect(requestLine.length).toBeGreaterThan(maxHeaderSize);
    expect(requestLine.length + 2048).toBeLessThan(OPEN311_MAX_HEADER_BYTES);
  });
});
