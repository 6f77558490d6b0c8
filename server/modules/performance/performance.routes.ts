// The performance HTTP routes (to be filled in).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';

export function performanceRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
