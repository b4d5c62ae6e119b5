import type { Helpfulness } from '../find-helpfulness.ts';
import { guideEn } from '../messages.ts';

/** "Was your problem solved?" per article, most "No" first: where the guide needs work. */
export function HelpfulnessPage({ rows }: { rows: Helpfulness[] }) {
  const answers = rows.reduce((sum, row) => sum + row.total, 0);
  return (
    <section>
      <h1>Guide feedback</h1>
      <p class="muted">
        Answers to "Was your problem solved?", one per visitor per article (a visitor who answers
        again replaces their answer). {answers} {answers === 1 ? 'answer' : 'answers'} in all.
        Articles marked pending describe a part of the shop that is not built yet.
      </p>
      <table class="admin-table guide-helpfulness">
        <thead>
          <tr>
            <th>Article</th>
            <th>Group</th>
            <th class="num">Yes</th>
            <th class="num">No</th>
            <th class="num">Total</th>
            <th class="num">Helpful</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr data-slug={row.slug}>
              <td>
                {row.article ? (
                  <a href={`/guide/${encodeURIComponent(row.slug)}`}>{row.article.title.en}</a>
                ) : (
                  <span class="muted">{row.slug} (no longer in the guide)</span>
                )}
              </td>
              <td>{row.article ? guideEn[`guide.group.${row.article.group}`] : ''}</td>
              <td class="num">{row.yes}</td>
              <td class="num">{row.no}</td>
              <td class="num">{row.total}</td>
              <td class="num">{row.percentHelpful === null ? '–' : `${row.percentHelpful}%`}</td>
              <td>
                {row.article?.status === 'pending' ? (
                  <span class="badge pending" title={row.article.pending}>
                    Pending: {row.article.pending}
                  </span>
                ) : row.article ? (
                  'Live'
                ) : (
                  'Removed'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
