// The quality module's HTTP routes.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';

export function qualityRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
