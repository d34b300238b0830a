import type { Example } from '../example.js';
import type { TextFieldProps } from './text-field.js';

export const textFieldExamples: Example<TextFieldProps>[] = [
  { name: 'ساده', props: { name: 'headline', label: 'تیتر خبر', value: 'بازگشایی بوستان محله‌ی شهرک دانشگاه' } },
  {
    name: 'با راهنما و حداکثر طول',
    props: {
      name: 'overline',
      label: 'روتیتر',
      hint: 'یک جملهٔ کوتاه بالای تیتر؛ حداکثر ۸۰ نویسه.',
      maxLength: 80,
      dir: 'auto',
      optional: true,
    },
  },
  {
    name: 'با خطا',
    props: { name: 'source', id: 'source-line', label: 'منبع خبر', value: '', error: 'منبع خبر را بنویسید' },
  },
  { name: 'رایانامه', props: { name: 'email', label: 'نشانی رایانامه', type: 'email', autocomplete: 'email', width: '30' } },
  { name: 'گذرواژه', props: { name: 'password', label: 'گذرواژه', type: 'password', autocomplete: 'current-password', width: '20', value: 'secret' } },
  {
    name: 'عدد با یکا',
    props: { name: 'area', label: 'مساحت بوستان', type: 'number', width: '10', suffix: 'متر مربع', value: '۱۲۵۰۰', hint: 'رقم‌های فارسی یا لاتین هر دو پذیرفته می‌شوند.' },
  },
  { name: 'تیتر صفحه', props: { name: 'search-q', label: 'جستجو در اخبار', type: 'search', labelIsPageHeading: true } },
];
