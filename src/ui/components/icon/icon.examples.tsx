import type { Example } from '../example.js';
import { iconNames, type IconProps } from './icon.js';

export const iconExamples: Example<IconProps>[] = [
  ...iconNames.map((name) => ({ name: `نماد ${name}`, props: { name } })),
  { name: 'نماد با نام دسترس‌پذیر', props: { name: 'alert', label: 'هشدار', size: 'large' } },
];
