import { Hono } from 'hono';
import { allow } from '../admin/access.ts';
import { renderAdminPage } from '../admin/pages/admin-layout.tsx';
import type { AppEnv } from '../web/context.ts';
import { findHelpfulness } from './find-helpfulness.ts';
import { guideArticles } from './load-articles.ts';
import { HelpfulnessPage } from './pages/helpfulness-page.tsx';

/** Staff see how helpful each guide article was (mounted at /admin/guide). */
export const guideAdminRoutes = new Hono<AppEnv>()
  .use('*', allow('answer_inquiries'))
  .get('/', async (c) => {
    const rows = await findHelpfulness(c.get('deps').db, guideArticles().articles);
    return renderAdminPage(c, 'Guide feedback', <HelpfulnessPage rows={rows} />);
  });
