import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../web/context.ts';

export const storeApi = new OpenAPIHono<AppEnv>();
