import type { Example } from '../example.js';
import type { CheckboxFieldProps } from './checkbox-field.js';

export const checkboxFieldExamples: Example<CheckboxFieldProps>[] = [
  { name: 'ساده', props: { name: 'is-public', label: 'این مصوبه در درگاه عمومی نمایش داده شود' } },
  {
    name: 'تیک‌خورده با راهنما',
    props: { name: 'notify', label: 'به من رایانامه بفرست', checked: true, hint: 'وقتی خبر شما منتشر شد یا یادداشت تازه‌ای گرفت.' },
  },
  { name: 'با خطا', props: { name: 'consent', label: 'شرایط انتشار نظر را خوانده‌ام', error: 'برای ارسال نظر باید شرایط را بپذیرید' } },
];
