import type { Example } from '../example.js';
import type { StatusTagProps } from './status-tag.js';

export const statusTagExamples: Example<StatusTagProps>[] = [
  { name: 'پیش‌نویس', props: { label: 'پیش‌نویس', tone: 'neutral' } },
  { name: 'ارسال‌شده', props: { label: 'ارسال‌شده', tone: 'info' } },
  { name: 'تأییدشده', props: { label: 'تأییدشده', tone: 'accent' } },
  { name: 'منتشرشده', props: { label: 'منتشرشده', tone: 'success' } },
  { name: 'نیازمند اصلاح', props: { label: 'نیازمند اصلاح', tone: 'warning' } },
  { name: 'به‌روز نشده', props: { label: 'به‌روز نشده', tone: 'warning' } },
  { name: 'عقب‌افتاده', props: { label: 'عقب‌افتاده', tone: 'danger' } },
];
