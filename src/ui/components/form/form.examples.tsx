import { Button } from '../button/button.js';
import type { Example } from '../example.js';
import { TextField } from '../text-field/text-field.js';
import type { FormProps } from './form.js';

export const formExamples: Example<FormProps>[] = [
  {
    name: 'فرم ارسال',
    props: {
      action: '/staff/news',
      csrfToken: 'example-csrf-token',
      id: 'example-post-form',
      children: (
        <>
          <TextField name="example-headline" label="تیتر" />
          <Button>ذخیره</Button>
        </>
      ),
    },
  },
  {
    name: 'فرم پالایش (GET)',
    props: {
      action: '/staff/news',
      method: 'get',
      id: 'example-filter-form',
      attributes: { 'hx-get': '/staff/news', 'hx-target': '#news-list' },
      children: (
        <>
          <TextField name="example-q" label="جستجو" type="search" />
          <Button variant="secondary">پالایش</Button>
        </>
      ),
    },
  },
];
