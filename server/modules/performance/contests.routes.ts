// The contests HTTP routes (to be filled in).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';

export function contestsRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
