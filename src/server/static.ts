/**
 * The dashboard's static files (built by Vite into dist/web/). The folder is listed once at start
 * and only files in that list are served, looked up by exact path: a request path is never joined
 * onto the file system, so `..`, encoded dots or absolute paths cannot reach anything else (404).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type PreparedBody, prepareBody, sendPrepared } from './prepared-body.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** dist/web beside the compiled server (dist/server/), or dist/web of the repository when run from src/. */
export function webRoot(): string | null {
  for (const candidate of ['../web/', '../../dist/web/']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(path, 'index.html'))) return path;
  }
  return null;
}

function listFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(`/${relative(root, path).split(sep).join('/')}`, path);
    }
  };
  walk(root);
  return out;
}

export function registerStatic(app: FastifyInstance, root: string | null): void {
  const files = root === null ? new Map<string, string>() : listFiles(root);
  const bodies = new Map<string, PreparedBody>();
  app.get('/*', async (req, reply) => {
    const url = req.url.split('?')[0];
    const key = url === '/' ? '/index.html' : url;
    const path = files.get(key);
    if (path === undefined) {
      if (root === null && key === '/index.html')
        return reply
          .type('text/plain; charset=utf-8')
          .send('The dashboard is not built: run `npm run build` (the API under /api works).\n');
      return reply.code(404).send({ error: 'Not Found', message: `no such file: ${url}` });
    }
    let body = bodies.get(key);
    if (body === undefined)
      bodies.set(
        key,
        (body = prepareBody(readFileSync(path), TYPES[extname(key)] ?? 'application/octet-stream')),
      );
    // hashed asset names never change; index.html must be revalidated
    reply.header(
      'cache-control',
      key.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return sendPrepared(req, reply, body);
  });
}
