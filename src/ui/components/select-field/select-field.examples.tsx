import type { Example } from '../example.js';
import type { SelectFieldProps } from './select-field.js';

const districts = [
  { value: 'd1', label: 'ناحیهٔ ۱' },
  { value: 'd2', label: 'ناحیهٔ ۲' },
  { value: 'd3', label: 'ناحیهٔ ۳' },
];

export const selectFieldExamples: Example<SelectFieldProps>[] = [
  { name: 'با گزینهٔ خالی', props: { name: 'district', label: 'ناحیه', placeholder: 'انتخاب کنید', options: districts } },
  { name: 'انتخاب‌شده', props: { name: 'district-2', label: 'ناحیه', options: districts, value: 'd2', hint: 'ناحیه‌ای که رویداد در آن رخ داده است.' } },
  { name: 'با خطا', props: { name: 'department', label: 'معاونت', placeholder: 'انتخاب کنید', options: [{ value: 'civil', label: 'معاونت فنی و عمرانی' }, { value: 'services', label: 'معاونت خدمات شهری' }], error: 'معاونت را انتخاب کنید' } },
];
