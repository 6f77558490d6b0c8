// Files kept in the database (complaint attachments, inspection photos): what is accepted. The
// declared type must match the file's first bytes, so a renamed executable never passes as a photo.
import type { Problem } from './complaints.rules';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.length > 4 && b.subarray(0, 5).toString('latin1') === '%PDF-',
};

export const ALLOWED_TYPES = Object.keys(SIGNATURES);

/** The problem with an uploaded file, or null when it may be stored. */
export function fileProblem(contentType: string | undefined, data: Buffer | null, allowed: readonly string[] = ALLOWED_TYPES): (Problem & { status: number }) | null {
  if (!data || data.length === 0) return { status: 400, code: 'EMPTY_FILE', zh: '请选择要上传的文件', en: 'Choose a file to upload' };
  if (data.length > MAX_FILE_BYTES) {
    return { status: 413, code: 'FILE_TOO_LARGE', zh: `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, en: `The file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  }
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const check = allowed.includes(type) ? SIGNATURES[type] : undefined;
  if (!check) {
    return { status: 415, code: 'FILE_TYPE', zh: '只接受 JPG、PNG 图片或 PDF 文件', en: 'Only JPG or PNG pictures and PDF files are accepted' };
  }
  if (!check(data)) return { status: 415, code: 'FILE_CONTENT', zh: '文件内容与其类型不符', en: 'The file content does not match its type' };
  return null;
}

export function normalType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
