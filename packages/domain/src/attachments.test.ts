import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_MAX_BYTES,
  checkAttachment,
  cleanAttachmentName,
  containsExif,
  detectAttachmentType,
  isAttachmentSha256,
  MAGIC_BYTES_NEEDED,
  toHex,
} from './attachments.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

// Real file headers: the first bytes of files written by common tools.
const PDF_HEAD = ascii('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3');
const JPEG_JFIF = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00);
const JPEG_EXIF = bytes(0xff, 0xd8, 0xff, 0xe1, 0x2f, 0xfe, 0x45, 0x78, 0x69, 0x66);
const PNG_HEAD = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);

describe('detectAttachmentType', () => {
  it('recognises PDF, JPEG (JFIF and Exif) and PNG by their first bytes', () => {
    expect(detectAttachmentType(PDF_HEAD)).toBe('application/pdf');
    expect(detectAttachmentType(JPEG_JFIF)).toBe('image/jpeg');
    expect(detectAttachmentType(JPEG_EXIF)).toBe('image/jpeg');
    expect(detectAttachmentType(PNG_HEAD)).toBe('image/png');
  });

  it('refuses other formats and look-alikes', () => {
    expect(detectAttachmentType(ascii('GIF89a'))).toBeNull();
    expect(detectAttachmentType(bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull(); // zip / docx
    expect(detectAttachmentType(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull(); // Windows executable
    expect(detectAttachmentType(ascii('<html><body>%PDF-'))).toBeNull();
    expect(detectAttachmentType(ascii(' %PDF-1.4'))).toBeNull(); // not at offset 0
    expect(detectAttachmentType(ascii('%PDF'))).toBeNull(); // too short to be sure
    expect(detectAttachmentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull(); // truncated PNG signature
    expect(detectAttachmentType(bytes(0xff, 0xd8))).toBeNull();
    expect(detectAttachmentType(new Uint8Array(0))).toBeNull();
  });

  it('needs no more than MAGIC_BYTES_NEEDED bytes', () => {
    expect(detectAttachmentType(PNG_HEAD.slice(0, MAGIC_BYTES_NEEDED))).toBe('image/png');
  });
});

describe('checkAttachment', () => {
  it('accepts a file up to the cap and refuses one byte more', () => {
    expect(checkAttachment(ATTACHMENT_MAX_BYTES, PDF_HEAD)).toEqual({ ok: true, mime: 'application/pdf' });
    expect(checkAttachment(ATTACHMENT_MAX_BYTES + 1, PDF_HEAD)).toEqual({ ok: false, error: 'too_big' });
    expect(ATTACHMENT_MAX_BYTES).toBe(10 * 1024 * 1024);
  });

  it('refuses an empty file and an unknown type', () => {
    expect(checkAttachment(0, PDF_HEAD)).toEqual({ ok: false, error: 'empty' });
    expect(checkAttachment(100, ascii('GIF89a..'))).toEqual({ ok: false, error: 'wrong_type' });
  });
});

describe('SHA-256 names', () => {
  it('accepts 64 lowercase hex digits only', () => {
    // SHA-256("abc"), the FIPS 180-2 test vector.
    const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    const digest = Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
    expect(toHex(digest)).toBe(hex);
    expect(toHex(digest.buffer)).toBe(hex);
    expect(isAttachmentSha256(hex)).toBe(true);
    expect(isAttachmentSha256(hex.toUpperCase())).toBe(false);
    expect(isAttachmentSha256(hex.slice(1))).toBe(false);
    expect(isAttachmentSha256(`${hex.slice(1)}g`)).toBe(false);
    expect(isAttachmentSha256('../../etc/passwd')).toBe(false);
  });
});

describe('cleanAttachmentName', () => {
  it('drops paths and control characters and keeps the extension of long names', () => {
    expect(cleanAttachmentName('C:\\Users\\rosalia\\ISEE 2026.pdf')).toBe('ISEE 2026.pdf');
    expect(cleanAttachmentName('../../x\u0000y".png')).toBe('xy.png');
    expect(cleanAttachmentName('   ')).toBe('documento');
    const long = `${'a'.repeat(300)}.jpeg`;
    const cleaned = cleanAttachmentName(long);
    expect(cleaned.length).toBe(200);
    expect(cleaned.endsWith('.jpeg')).toBe(true);
  });
});

describe('containsExif', () => {
  // SOI, APP0 JFIF (16 bytes), then either an APP1 Exif segment or none, then SOS.
  const jfif = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const exif = [0xff, 0xe1, 0x00, 0x10, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08];
  const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34];
  const pngChunk = (type: string, data: number[] = []) => [0, 0, 0, data.length, ...ascii(type), ...data, 0, 0, 0, 0];

  it('finds an EXIF segment in a JPEG, and none in a clean one', () => {
    expect(containsExif(bytes(0xff, 0xd8, ...jfif, ...exif, ...sos))).toBe(true);
    expect(containsExif(bytes(0xff, 0xd8, ...exif, ...sos))).toBe(true);
    expect(containsExif(bytes(0xff, 0xd8, ...jfif, ...sos))).toBe(false);
    // "Exif" inside the image data after the start of scan is pixels, not metadata.
    expect(containsExif(bytes(0xff, 0xd8, ...jfif, ...sos, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00))).toBe(false);
  });

  it('finds an eXIf chunk in a PNG, and none in a clean one', () => {
    const head = [...PNG_HEAD.slice(0, 8)];
    const ihdr = pngChunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    expect(containsExif(bytes(...head, ...ihdr, ...pngChunk('eXIf', [0x4d, 0x4d]), ...pngChunk('IDAT', [1]), ...pngChunk('IEND')))).toBe(
      true,
    );
    expect(containsExif(bytes(...head, ...ihdr, ...pngChunk('IDAT', [1]), ...pngChunk('IEND')))).toBe(false);
  });

  it('says nothing about PDFs', () => {
    expect(containsExif(PDF_HEAD)).toBe(false);
  });
});
