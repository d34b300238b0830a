import type { Example } from '../example.js';
import type { FlashProps } from './flash.js';

export const flashExamples: Example<FlashProps>[] = [
  { name: 'موفق', props: { kind: 'success', text: 'خبر «بازگشایی بوستان ولایت» منتشر شد.' } },
  { name: 'خطا', props: { kind: 'error', text: 'فایل بارگذاری نشد. دوباره تلاش کنید.' } },
  { name: 'آگاهی', props: { kind: 'info', text: 'این خبر برای ساعت ۱۸:۰۰ زمان‌بندی شده است.' } },
];
