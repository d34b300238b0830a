import type { Example } from '../example.js';
import { StatusTag } from '../status-tag/status-tag.js';
import type { SummaryListProps } from './summary-list.js';

export const summaryListExamples: Example<SummaryListProps>[] = [
  {
    name: 'مشخصات خبر با پیوند تغییر',
    props: {
      rows: [
        { key: 'تیتر', value: 'آغاز طرح پاکسازی معابر ناحیهٔ ۳', actions: [{ href: '/staff/news/12/edit#headline', label: 'تغییر' }] },
        { key: 'نویسنده', value: 'Sara Ahmadi', actions: [{ href: '/staff/news/12/edit#author', label: 'تغییر' }] },
        { key: 'وضعیت', value: <StatusTag label="ارسال‌شده" tone="info" /> },
      ],
    },
  },
  {
    name: 'بدون کادر',
    props: {
      noBorder: true,
      rows: [
        { key: 'جمعیت', value: '۳۸٬۴۲۱ نفر' },
        { key: 'سرانهٔ فضای سبز', value: '۱۲٫۵ متر مربع' },
      ],
    },
  },
];
