// The engagement module's HTTP routes.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context';

export function engagementRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
