import { Hono } from 'hono';
import { allow } from '../staff/access.ts';
import { renderAdminPage } from '../web/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { findHelpfulness } from './find-helpfulness.ts';
import { HelpfulnessPage } from './pages/helpfulness-page.tsx';
import { prepareGuide } from './render-article.ts';

/** Staff see how helpful each guide article was (mounted at /admin/guide). */
export const guideAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('answer_inquiries'))
  .get('/', async (c) => {
    const { db, env } = c.get('deps');
    const rows = await findHelpfulness(db, prepareGuide(env).articles);
    return renderAdminPage(c, 'Guide feedback', <HelpfulnessPage rows={rows} />);
  });
