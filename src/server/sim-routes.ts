/**
 * The simulation routes (docs/api.md): the scenarios and levers on offer, `POST /api/ensembles`
 * (checked at once, then queued: 202 with a job id), and `GET /api/jobs/:id` (state, progress,
 * result). The queue is src/server/ensemble-queue.ts, the runner src/server/simulation.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MilieuError } from '../errors.ts';
import type { ServerContext } from './context.ts';
import { type EnsembleQueue, QueueFullError } from './ensemble-queue.ts';
import {
  EnsembleRequestSchema,
  type EnsembleResult,
  listScenarios,
  OUTCOMES,
  parameterList,
  runEnsemble,
  scenarioFor,
} from './simulation.ts';
import { HttpError, parseWith } from './validation.ts';

const JobParams = z.strictObject({
  id: z.string().regex(/^job-\d{1,12}$/, 'expected a job id such as job-1'),
});

export function registerSimRoutes(
  app: FastifyInstance,
  context: ServerContext,
  queue: EnsembleQueue<EnsembleResult>,
): void {
  app.get('/api/scenarios', async () => ({
    scenarios: listScenarios(context.scenarioFolder),
    parameters: parameterList(),
    outcomes: OUTCOMES,
  }));

  app.post('/api/ensembles', async (req, reply) => {
    const request = parseWith(EnsembleRequestSchema, req.body, 'body');
    try {
      // refuse a bad scenario or lever now, not later in the job
      scenarioFor(context.scenarioFolder, request.scenario, request.parameters);
    } catch (e) {
      if (e instanceof MilieuError) throw new HttpError(400, e.message);
      throw e;
    }
    try {
      const id = queue.submit((progress) => runEnsemble(context.scenarioFolder, request, progress));
      return reply.code(202).send({ id, status: `/api/jobs/${id}`, pending: queue.pending });
    } catch (e) {
      if (e instanceof QueueFullError) throw new HttpError(503, e.message);
      throw e;
    }
  });

  app.get('/api/jobs/:id', async (req) => {
    const { id } = parseWith(JobParams, req.params, 'path');
    const status = queue.status(id);
    if (!status) throw new HttpError(404, `no job ${id} (unknown, or finished long ago and forgotten)`);
    return status;
  });
}
