import { describe, expect, it } from 'vitest';
import { fileProblem, MAX_FILE_BYTES } from './quality.files';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);
const pdf = Buffer.from('%PDF-1.4\n%fake');

describe('stored files', () => {
  it('accepts a PNG, a JPEG and a PDF whose bytes match their type', () => {
    expect(fileProblem('image/png', png)).toBeNull();
    expect(fileProblem('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBeNull();
    expect(fileProblem('application/pdf; charset=binary', pdf)).toBeNull();
  });
  it('refuses an empty file, a file too large, another type, or bytes that do not match', () => {
    expect(fileProblem('image/png', Buffer.alloc(0))?.code).toBe('EMPTY_FILE');
    expect(fileProblem('image/png', null)?.status).toBe(400);
    expect(fileProblem('image/png', Buffer.alloc(MAX_FILE_BYTES + 1))?.status).toBe(413);
    expect(fileProblem('application/x-msdownload', Buffer.from('MZ....'))?.status).toBe(415);
    expect(fileProblem('image/png', pdf)?.code).toBe('FILE_CONTENT');
    expect(fileProblem('application/pdf', pdf, ['image/png'])?.code).toBe('FILE_TYPE');
  });
});
