import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '@icaro/domain';
import { purgeStaging, STAGING_MAX_AGE_MS } from '../src/services/attachments.service.ts';
import { startTestServer, TestClient, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  // A small chunk limit, so that a few-KB file already travels in several chunks.
  server = await startTestServer({ MAX_BODY_BYTES: '4096', ATTACHMENT_QUOTA_MB: '1' });
});
afterAll(() => server.stop());

async function as(username: string): Promise<TestClient> {
  const client = new TestClient(server.url, server.origin);
  expect((await client.login(username)).status).toBe(200);
  return client;
}

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** A real PDF, a few KB long (padded with a comment, which PDF readers ignore). */
function testPdf(label: string, size = 10_000): Buffer {
  const body = `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% ${label}\n`;
  const trailer = 'trailer <</Root 1 0 R>>\n%%EOF\n';
  return Buffer.concat([Buffer.from(body), Buffer.alloc(Math.max(0, size - body.length - trailer.length), 0x20), Buffer.from(trailer)]);
}
/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');

interface Status {
  received: number;
  complete: boolean;
  maxChunkBytes: number;
}

async function status(client: TestClient, hash: string): Promise<{ status: number; body: Status & { error?: string; message?: string } }> {
  const res = await fetch(`${server.url}/api/attachments/${hash}/upload`, { headers: { cookie: client.cookie } });
  return { status: res.status, body: (await res.json()) as Status & { error?: string; message?: string } };
}

async function put(
  client: TestClient,
  hash: string,
  offset: number,
  total: number,
  chunk: Uint8Array,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${server.url}/api/attachments/${hash}/upload`, {
    method: 'PUT',
    headers: {
      cookie: client.cookie,
      origin: server.origin,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/octet-stream',
      'upload-offset': String(offset),
      'upload-length': String(total),
      ...headers,
    },
    body: chunk,
  });
  return { status: res.status, body: (await res.json()) as Status & { error?: string; message?: string } };
}

/** Uploads a whole file in chunks of the server's size, from the server's offset. */
async function upload(client: TestClient, bytes: Buffer, hash = sha(bytes)) {
  const first = await status(client, hash);
  let offset = first.body.received;
  let last = first;
  while (offset < bytes.length || (offset === 0 && bytes.length === 0)) {
    const chunk = bytes.subarray(offset, offset + first.body.maxChunkBytes);
    last = await put(client, hash, offset, bytes.length, chunk);
    if (last.status !== 200) return last;
    offset = last.body.received;
  }
  return last;
}

async function download(client: TestClient, hash: string) {
  return fetch(`${server.url}/api/attachments/${hash}`, { headers: { cookie: client.cookie } });
}

describe('attachment upload', () => {
  it('resumes a partial upload from the offset the server holds, checks the hash and stores the file once', async () => {
    const citizen = await as('cittadino.demo');
    const pdf = testPdf('resume');
    const hash = sha(pdf);
    expect((await status(citizen, hash)).body).toEqual({ received: 0, complete: false, maxChunkBytes: 4096 });

    // The first chunk arrives, then the device goes offline.
    expect((await put(citizen, hash, 0, pdf.length, pdf.subarray(0, 4096))).body).toMatchObject({ received: 4096, complete: false });
    // After a reload the device asks where to resume.
    expect((await status(citizen, hash)).body.received).toBe(4096);
    // A chunk sent again at an old offset is refused with the offset to resume from.
    const stale = await put(citizen, hash, 0, pdf.length, pdf.subarray(0, 4096));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'bad_offset', received: 4096 });

    const done = await upload(citizen, pdf);
    expect(done.body).toMatchObject({ received: pdf.length, complete: true });
    const stored = path.join(server.dataDir, 'attachments', hash.slice(0, 2), hash);
    expect(sha(fs.readFileSync(stored))).toBe(hash);
    expect(server.app.repos.attachments.find(hash)).toMatchObject({ size: pdf.length, mime: 'application/pdf' });
    expect(fs.readdirSync(path.join(server.dataDir, 'attachments', '.staging'))).toEqual([]);

    // The same file again is a no-op: complete at once, nothing appended.
    const again = await put(citizen, hash, 0, pdf.length, pdf.subarray(0, 4096));
    expect(again).toMatchObject({ status: 200, body: { complete: true, received: pdf.length } });
    expect(fs.statSync(stored).size).toBe(pdf.length);

    // The uploader reads it back, as a download that is never sniffed.
    const res = await download(citizen, hash);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(hash);
  });

  it('refuses a file whose bytes do not match their hash, and keeps nothing', async () => {
    const citizen = await as('cittadino.demo');
    const pdf = testPdf('mismatch', 3000);
    const wrong = sha(testPdf('something else', 3000));
    const res = await upload(citizen, pdf, wrong);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('hash_mismatch');
    expect(res.body.message).toMatch(/diverso/);
    expect(server.app.repos.attachments.find(wrong)).toBeUndefined();
    expect((await status(citizen, wrong)).body.received).toBe(0);
  });

  it('recognises a PNG named like a PDF as a PNG, and refuses what is neither by its bytes', async () => {
    const citizen = await as('cittadino.demo');
    // The bytes decide, whatever the device calls the file: stored as image/png.
    expect((await upload(citizen, PNG)).body.complete).toBe(true);
    expect(server.app.repos.attachments.find(sha(PNG))?.mime).toBe('image/png');

    // A GIF (or an HTML page, or a program) renamed .pdf is refused.
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(200, 1)]);
    const res = await upload(citizen, gif);
    expect(res.status).toBe(415);
    expect(res.body.error).toBe('wrong_type');
    expect(server.app.repos.attachments.find(sha(gif))).toBeUndefined();
    const html = Buffer.from('<html><script>alert(1)</script>%PDF-1.4</html>');
    expect((await upload(citizen, html)).body.error).toBe('wrong_type');
  });

  it('refuses a file over the cap before storing a byte, and a chunk over the body limit', async () => {
    const citizen = await as('cittadino.demo');
    const hash = sha(Buffer.from('big'));
    const res = await put(citizen, hash, 0, ATTACHMENT_MAX_BYTES + 1, Buffer.from('%PDF-1.4'));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'too_big' });
    expect(res.body.message).toMatch(/10 MB/);
    expect((await status(citizen, hash)).body.received).toBe(0);

    const chunk = await put(citizen, hash, 0, 9000, Buffer.alloc(5000, 0x25));
    expect(chunk.status).toBe(413);
    expect(chunk.body.error).toBe('chunk_too_big');
    expect((await status(citizen, hash)).body.received).toBe(0);
  });

  it('refuses a photo that still carries EXIF (where and when it was taken)', async () => {
    const citizen = await as('cittadino.demo');
    // SOI, an APP1 Exif segment, start of scan, a few bytes of image data, EOI.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0xff, 0xda,
      0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34, 0xff, 0xd9,
    ]);
    const res = await upload(citizen, jpeg);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('metadata');
    expect(server.app.repos.attachments.find(sha(jpeg))).toBeUndefined();
    // The same photo re-encoded without the segment is accepted.
    const clean = Buffer.concat([jpeg.subarray(0, 2), jpeg.subarray(20)]);
    expect((await upload(citizen, clean)).body.complete).toBe(true);
  });

  it('keeps each user within their quota', async () => {
    const operator = await as('operatore.a2');
    const hash = sha(Buffer.from('quota'));
    const res = await put(operator, hash, 0, 1024 * 1024 + 1, Buffer.from('%PDF-1.4'));
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('over_quota');
    // Within the quota, the same user goes on.
    expect((await upload(operator, testPdf('small', 2000))).body.complete).toBe(true);
  });

  it('refuses strangers, bad keys, cross-site requests and other content types', async () => {
    const anonymous = new TestClient(server.url, server.origin);
    const hash = sha(PNG);
    expect((await status(anonymous, hash)).status).toBe(401);
    expect((await put(anonymous, hash, 0, PNG.length, PNG)).status).toBe(401);
    expect((await download(anonymous, hash)).status).toBe(401);

    const citizen = await as('cittadino.demo');
    expect((await status(citizen, 'ABC')).body.error).toBe('bad_hash');
    expect((await status(citizen, hash.toUpperCase())).status).toBe(400);
    expect((await put(citizen, hash, 0, PNG.length, PNG, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await put(citizen, hash, 0, PNG.length, PNG, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await put(citizen, hash, 0, PNG.length, PNG, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await put(citizen, hash, 0, PNG.length, PNG, { 'upload-offset': '-1' })).status).toBe(400);
  });

  it('does not let another user read or claim a file by knowing its hash', async () => {
    const citizen = await as('cittadino.demo');
    const pdf = testPdf('private');
    expect((await upload(citizen, pdf)).body.complete).toBe(true);
    const operator = await as('operatore.demo');
    const hash = sha(pdf);
    expect((await download(operator, hash)).status).toBe(404);
    // The status does not say that someone else holds it...
    expect((await status(operator, hash)).body).toMatchObject({ received: 0, complete: false });
    // ...and sending the same bytes makes them an uploader too, with one stored copy.
    expect((await upload(operator, pdf)).body.complete).toBe(true);
    expect((await download(operator, hash)).status).toBe(200);
  });

  it('drops partial uploads abandoned for a week, and keeps recent ones', async () => {
    const citizen = await as('cittadino.demo');
    const old = testPdf('abandoned', 9000);
    const recent = testPdf('recent', 9000);
    await put(citizen, sha(old), 0, old.length, old.subarray(0, 4096));
    await put(citizen, sha(recent), 0, recent.length, recent.subarray(0, 4096));
    const dir = path.join(server.dataDir, 'attachments', '.staging');
    const [oldPart] = fs.readdirSync(dir).filter((f) => f.startsWith(sha(old)));
    const weekAgo = new Date(Date.now() - STAGING_MAX_AGE_MS - 60_000);
    fs.utimesSync(path.join(dir, oldPart!), weekAgo, weekAgo);
    expect(purgeStaging(dir, Date.now())).toBe(1);
    expect((await status(citizen, sha(old))).body.received).toBe(0);
    expect((await status(citizen, sha(recent))).body.received).toBe(4096);
  });
});
