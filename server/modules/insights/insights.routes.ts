// The insights module's HTTP routes.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';

export function insightsRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
