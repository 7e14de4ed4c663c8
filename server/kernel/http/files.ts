import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';

/**
 * Uploaded files that modules keep (evidence, lesson files): one file per multipart request,
 * a clean display name, the type checked by extension *and* by the file's first bytes, and a
 * download header that carries a Chinese name.
 */

/** A known file type: its content type and the bytes it starts with (at an offset for mp4's ftyp box). */
export interface FileKind {
  contentType: string;
  magic: number[];
  at?: number;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const JPEG: FileKind = { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] };

/** Extension → kind, for every type a module may accept. */
export const FILE_KINDS: Record<string, FileKind> = {
  pdf: { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: ZIP },
  mp4: { contentType: 'video/mp4', magic: [0x66, 0x74, 0x79, 0x70], at: 4 },
  jpg: JPEG,
  jpeg: JPEG,
  png: { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
};

/** A file name as shown and downloaded: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean.length <= 200) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot) : '';
  return clean.slice(0, 200 - ext.length) + ext;
}

/** The content type of an acceptable file, or the Chinese reason it is refused. */
export function checkFile(
  fileName: string,
  data: Buffer,
  rule: { extensions: readonly string[]; maxBytes: number; typeMessage: string },
): { ok: true; fileName: string; contentType: string } | { ok: false; message: string } {
  const name = cleanFileName(fileName);
  if (!name) return { ok: false, message: '文件名不能为空' };
  if (data.length === 0) return { ok: false, message: '文件为空，请选择有内容的文件' };
  if (data.length > rule.maxBytes) return { ok: false, message: `文件超过 ${rule.maxBytes / 1024 / 1024} MB 上限` };
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const kind = rule.extensions.includes(ext) ? FILE_KINDS[ext] : undefined;
  if (!kind) return { ok: false, message: rule.typeMessage };
  const at = kind.at ?? 0;
  if (!kind.magic.every((b, i) => data[at + i] === b))
    return { ok: false, message: `文件内容不是有效的 .${ext} 文件，请检查后重新上传` };
  return { ok: true, fileName: name, contentType: kind.contentType };
}

/** Content-Disposition for a download with a Chinese name (RFC 6266 / RFC 5987), plus an ASCII fallback. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The one file of a multipart upload (field `file`), within the size limit. */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ fileName: string; data: Buffer }> {
  if (!req.isMultipart()) throw new AppError('VALIDATION', '请以 multipart/form-data 上传文件（字段名 file）');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError('VALIDATION', '请选择要上传的文件');
  try {
    return { fileName: part.filename, data: await part.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('VALIDATION', `文件超过 ${maxBytes / 1024 / 1024} MB 上限，请压缩或拆分后再上传`);
    throw e;
  }
}
