import type { Example } from '../example.js';
import { StatusTag } from '../status-tag/status-tag.js';
import type { TableProps } from './table.js';

export interface DemoNewsRow {
  id: string;
  headline: string;
  district: string;
  status: 'draft' | 'published' | 'submitted';
  date: string;
  views: number;
}

const statusWord = {
  draft: { label: 'پیش‌نویس', tone: 'neutral' },
  submitted: { label: 'ارسال‌شده', tone: 'info' },
  published: { label: 'منتشرشده', tone: 'success' },
} as const;

const columns: TableProps<DemoNewsRow>['columns'] = [
  { key: 'headline', header: 'تیتر', cell: (r) => <a href={`/staff/news/${r.id}`}>{r.headline}</a> },
  { key: 'district', header: 'ناحیه' },
  { key: 'status', header: 'وضعیت', cell: (r) => <StatusTag {...statusWord[r.status]} /> },
  { key: 'date', header: 'تاریخ', numeric: true },
  { key: 'views', header: 'بازدید', numeric: true },
];

export const tableExamples: Example<TableProps<DemoNewsRow>>[] = [
  {
    name: 'فهرست اخبار',
    props: {
      caption: 'اخبار ناحیه‌ها',
      columns,
      rowKey: (r) => r.id,
      empty: 'خبری نیست.',
      rows: [
        { id: '1', headline: 'بازدید شهردار از پروژهٔ تقاطع غیرهم‌سطح', district: 'ناحیهٔ ۱', status: 'published', date: '۱۴۰۵/۰۹/۰۸', views: 1250 },
        { id: '2', headline: 'جلسهٔ یکشنبه‌های روابط عمومی در ناحیهٔ ۲', district: 'ناحیهٔ ۲', status: 'submitted', date: '۱۴۰۵/۰۹/۰۷', views: 0 },
        { id: '3', headline: 'Wi-Fi رایگان در بوستان‌های منطقه', district: 'ناحیهٔ ۳', status: 'draft', date: '۱۴۰۵/۰۹/۰۱', views: 38 },
      ],
    },
  },
  {
    name: 'فهرست خالی',
    props: {
      caption: 'اخبار در انتظار بررسی',
      columns,
      rows: [],
      empty: (
        <>
          خبری در انتظار بررسی نیست. اخبار تازه را در <a href="/staff/news?status=draft">پیش‌نویس‌ها</a> ببینید.
        </>
      ),
    },
  },
];
