/** Rows per page in every admin list. */
export const PAGE_SIZE = 50;

/** One page of a list plus one row more, which tells whether a next page exists without counting. */
export async function loadPage<R>(
  page: number,
  load: (limit: number, offset: number) => Promise<R[]>,
): Promise<{ rows: R[]; hasNext: boolean }> {
  const rows = await load(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}
