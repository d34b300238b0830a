import type { Example } from '../example.js';
import type { ButtonProps } from './button.js';

export const buttonExamples: Example<ButtonProps>[] = [
  { name: 'اصلی', props: { children: 'ذخیره و ادامه' } },
  { name: 'فرعی', props: { children: 'ذخیرهٔ پیش‌نویس', variant: 'secondary', name: 'intent', value: 'draft' } },
  { name: 'هشدار با تأیید', props: { children: 'حذف خبر', variant: 'warning', confirm: 'این خبر بایگانی می‌شود. ادامه می‌دهید؟' } },
  { name: 'پیوند به شکل دکمه', props: { children: 'ثبت خبر تازه', href: '/staff/news/new' } },
  { name: 'غیرفعال', props: { children: 'انتشار', disabled: true } },
];
