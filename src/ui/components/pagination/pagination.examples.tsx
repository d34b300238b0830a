import type { Example } from '../example.js';
import type { PaginationProps } from './pagination.js';

export const paginationExamples: Example<PaginationProps>[] = [
  { name: 'صفحهٔ نخست', props: { path: '/staff/news', query: { status: 'published' }, nextCursor: 'MjAyNi0xMS0yOXw0Mg' } },
  { name: 'میانهٔ فهرست', props: { path: '/staff/news', query: { status: 'published', q: 'بوستان' }, previousCursor: 'MjAyNi0xMS0yOHwxMA', nextCursor: 'MjAyNi0xMS0yMHwx' } },
  { name: 'صفحهٔ پایانی', props: { path: '/news', previousCursor: 'abc' } },
];
