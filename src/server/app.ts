/**
 * The dashboard server (`milieu serve`): a Fastify app with the JSON API under /api (data-routes.ts,
 * sim-routes.ts; documented in docs/api.md) and the built dashboard as static files (static.ts).
 * Errors are JSON `{ error, message }`: 400 for a malformed request, 404 for an unknown region, job
 * or file, 413 for a body over `bodyLimit`, 503 when the
 * ensemble queue is full.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { InputError, UsageError } from '../errors.ts';
import type { ServerContext } from './context.ts';
import { registerDataRoutes } from './data-routes.ts';
import { EnsembleQueue } from './ensemble-queue.ts';
import { registerSimRoutes } from './sim-routes.ts';
import type { EnsembleResult } from './simulation.ts';
import { registerStatic, webRoot } from './static.ts';
import { HttpError } from './validation.ts';

export interface AppOptions {
  /** Largest request body in bytes (default 64 KiB); larger bodies get 413. */
  bodyLimit?: number;
  /** Most ensemble jobs waiting or running (default 200). */
  maxQueued?: number;
  /** Folder of the built dashboard (default dist/web; null: API only). */
  webRoot?: string | null;
}

export interface DashboardApp {
  app: FastifyInstance;
  queue: EnsembleQueue<EnsembleResult>;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export function buildApp(context: ServerContext, options: AppOptions = {}): DashboardApp {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 64 * 1024 });
  const queue = new EnsembleQueue<EnsembleResult>({ maxPending: options.maxQueued ?? 200 });
  app.setErrorHandler((error, _req, reply) => {
    const e = error as Error & { statusCode?: number };
    let status = 500;
    if (e instanceof HttpError) status = e.statusCode;
    else if (e instanceof UsageError || e instanceof InputError) status = 400;
    else if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
      status = e.statusCode;
    const message = status === 500 ? `internal error: ${e.message}` : e.message;
    return reply.code(status).send({ error: REASONS[status] ?? 'Internal Server Error', message });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` }),
  );
  registerDataRoutes(app, context);
  registerSimRoutes(app, context, queue);
  registerStatic(app, options.webRoot === undefined ? webRoot() : options.webRoot);
  return { app, queue };
}
