/**
 * Answers kept as the bytes that go on the wire: serialised once, compressed once per encoding on
 * first demand (node:zlib: Brotli, else gzip, as the client's Accept-Encoding allows) and tagged
 * with an ETag (a hash of the uncompressed bytes), so a cached answer costs a lookup and a write —
 * no JSON.stringify, no UTF-8 encoding, no compression per request — and a client that already
 * holds it gets 304 Not Modified without a body.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface PreparedBody {
  type: string;
  body: Buffer;
  /** Strong validator: the SHA-1 of `body`, base64url, quoted. */
  etag: string;
  /** Compressed forms, made on first demand (null: not worth it, smaller than MIN_COMPRESS). */
  br?: Buffer | null;
  gzip?: Buffer | null;
}

/** Below this many bytes compression gains less than its headers and time cost. */
const MIN_COMPRESS = 1024;
/** Brotli quality: 5 compresses a 100 KB answer in a few ms, close to the best ratio for JSON. */
const BROTLI_QUALITY = 5;

export function prepareBody(content: string | Buffer, type: string): PreparedBody {
  const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  // images and fonts are compressed already
  if (!/json|text|javascript|svg/.test(type)) return { type, body, etag, br: null, gzip: null };
  return { type, body, etag };
}

/** The encodings an Accept-Encoding header allows (those with q=0 refused). */
function accepted(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q !== undefined && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

function compressed(p: PreparedBody, encoding: 'br' | 'gzip'): Buffer | null {
  if (p[encoding] === undefined) {
    if (p.body.length < MIN_COMPRESS) p[encoding] = null;
    else
      p[encoding] =
        encoding === 'br'
          ? brotliCompressSync(p.body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: p.body.length,
              },
            })
          : gzipSync(p.body);
  }
  return p[encoding] ?? null;
}

/**
 * Sends a prepared answer: 304 when If-None-Match holds its ETag, else the bytes, compressed when
 * the client accepts Brotli or gzip. `cache-control` is the caller's (no-cache: revalidate each
 * time, which the ETag makes cheap).
 */
export function sendPrepared(req: FastifyRequest, reply: FastifyReply, p: PreparedBody): FastifyReply {
  reply.header('etag', p.etag).header('vary', 'accept-encoding');
  const match = req.headers['if-none-match'];
  if (match?.split(',').some((t) => t.trim() === p.etag || t.trim() === '*')) return reply.code(304).send();
  const encodings = accepted(req.headers['accept-encoding']);
  for (const encoding of ['br', 'gzip'] as const) {
    if (!encodings.has(encoding)) continue;
    const bytes = compressed(p, encoding);
    if (bytes === null) break;
    return reply.header('content-encoding', encoding).type(p.type).send(bytes);
  }
  return reply.type(p.type).send(p.body);
}
