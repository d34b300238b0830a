import type { Example } from '../example.js';
import type { BreadcrumbsProps } from './breadcrumbs.js';

export const breadcrumbsExamples: Example<BreadcrumbsProps>[] = [
  {
    name: 'سه سطح',
    props: {
      items: [
        { label: 'پیشخوان', href: '/staff' },
        { label: 'اخبار', href: '/staff/news' },
        { label: 'ویرایش خبر' },
      ],
    },
  },
];
