import type { Example } from '../example.js';
import type { DateFieldProps } from './date-field.js';

export const dateFieldExamples: Example<DateFieldProps>[] = [
  { name: 'خالی', props: { name: 'occurred-at', label: 'تاریخ رویداد' } },
  { name: 'با مقدار و بازه', props: { name: 'due-date', label: 'مهلت انجام مصوبه', value: '۱۴۰۵/۰۹/۰۸', min: '1405/01/01', max: '1405/12/29' } },
  { name: 'با خطا', props: { name: 'held-at', label: 'تاریخ جلسه', value: '۱۴۰۵/۱۳/۰۱', error: 'ماه باید عددی از ۱ تا ۱۲ باشد' } },
];
