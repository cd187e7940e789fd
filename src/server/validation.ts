/**
 * Request checking shared by the routes: `parseWith` runs a zod schema over a request part and turns
 * its issues into one 400 message naming each field ("query.years: expected …"); `HttpError` carries
 * a status and message to the error handler in app.ts.
 */
import type { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const message = result.error.issues
    .map((i) => `${[part, ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');
  throw new HttpError(400, message);
}
