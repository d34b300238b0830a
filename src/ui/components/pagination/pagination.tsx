import { Icon } from '../icon/icon.js';

export interface PaginationProps {
  /** Path of the list, e.g. `/staff/news`. */
  path: string;
  /** Filters to keep in both links (cursor parameters are replaced). */
  query?: Readonly<Record<string, string | undefined>>;
  /** Cursor of the first row shown; a «قبلی» link is rendered when given. */
  previousCursor?: string;
  /** Cursor of the last row shown; a «بعدی» link is rendered when given. */
  nextCursor?: string;
  previousParam?: string;
  nextParam?: string;
}

/** Builds `path?query&param=cursor`, dropping both cursor params from the query first. */
export function keysetHref(
  path: string,
  query: Readonly<Record<string, string | undefined>> | undefined,
  drop: readonly string[],
  param: string,
  cursor: string,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== '' && !drop.includes(k)) params.append(k, v);
  }
  params.append(param, cursor);
  return `${path}?${params.toString()}`;
}

/** Keyset pagination: only «قبلی» and «بعدی», so lists stay fast as they grow. */
export function Pagination(props: PaginationProps) {
  const prevParam = props.previousParam ?? 'before';
  const nextParam = props.nextParam ?? 'after';
  const drop = [prevParam, nextParam];
  if (props.previousCursor === undefined && props.nextCursor === undefined) return null;
  return (
    <nav class="pagination" aria-label="صفحه‌بندی">
      <ul class="pagination__list">
        {props.previousCursor !== undefined && (
          <li class="pagination__item pagination__item--previous">
            <a class="pagination__link" rel="prev" href={keysetHref(props.path, props.query, drop, prevParam, props.previousCursor)}>
              <Icon name="arrow-previous" size="small" />
              <span>قبلی</span>
              <span class="visually-hidden"> صفحه</span>
            </a>
          </li>
        )}
        {props.nextCursor !== undefined && (
          <li class="pagination__item pagination__item--next">
            <a class="pagination__link" rel="next" href={keysetHref(props.path, props.query, drop, nextParam, props.nextCursor)}>
              <span>بعدی</span>
              <span class="visually-hidden"> صفحه</span>
              <Icon name="arrow-next" size="small" />
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
