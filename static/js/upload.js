// Photo upload with a progress bar (src/features/media/views/photo-manager.partial.tsx).
// Without this file the form posts all chosen files at once and the page comes back;
// with it, each file is sent on its own with XMLHttpRequest so its progress can be shown,
// errors from the server are shown beside the file, and the page reloads when all are in
// (the new photos then appear with their caption and alt text fields).

const MAX_BYTES = 15 * 1024 * 1024;
const TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MESSAGES = {
  progress: (percent) => `در حال بارگذاری… ${persianDigits(percent)}٪`,
  processing: 'در حال آماده‌سازی عکس…',
  done: 'بارگذاری شد.',
  tooLarge: 'حجم پرونده بیش از ۱۵ مگابایت است.',
  wrongType: 'نوع این پرونده پشتیبانی نمی‌شود؛ فقط JPEG، PNG و WebP.',
  failed: 'بارگذاری انجام نشد. دوباره تلاش کنید.',
  network: 'ارتباط با سامانه برقرار نشد. اتصال را بررسی کنید و دوباره تلاش کنید.',
  partial: 'برخی عکس‌ها بارگذاری شدند. برای دیدن آن‌ها صفحه را تازه کنید.',
  reload: 'تازه‌کردن صفحه',
};

let instances = 0;

const persianDigits = (value) => String(value).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

function element(tag, attributes = {}, text) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** One row per file: its name, a <progress> and a status line read out politely. */
function fileRow(list, file) {
  const id = `upload-${instances}-${list.childElementCount + 1}`;
  const row = element('li', { class: 'photo-upload__file' });
  const label = element('label', { for: id, class: 'photo-upload__name', dir: 'auto' }, file.name);
  const progress = element('progress', { id, max: '100', value: '0' });
  const status = element('span', { class: 'photo-upload__message' }, MESSAGES.progress(0));
  row.append(label, progress, status);
  list.append(row);
  return {
    update(percent) {
      progress.value = percent;
      status.textContent = percent >= 100 ? MESSAGES.processing : MESSAGES.progress(percent);
    },
    done() {
      progress.value = 100;
      status.textContent = MESSAGES.done;
    },
    fail(message) {
      progress.remove();
      row.classList.add('photo-upload__file--error');
      status.textContent = '';
      status.append(element('span', { class: 'visually-hidden' }, 'خطا: '), document.createTextNode(message));
      status.classList.add('error-message');
    },
  };
}

function send(form, file, row) {
  return new Promise((resolve, reject) => {
    const data = new FormData();
    for (const input of form.querySelectorAll('input[type="hidden"]')) {
      if (input.name && input.name !== '_csrf') data.append(input.name, input.value);
    }
    data.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action'));
    xhr.setRequestHeader('accept', 'application/json');
    const token = form.querySelector('input[name="_csrf"]');
    if (token) xhr.setRequestHeader('x-csrf-token', token.value);
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) row.update(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response);
      else reject(new Error(xhr.response?.error?.message ?? MESSAGES.failed));
    });
    xhr.addEventListener('error', () => reject(new Error(MESSAGES.network)));
    xhr.addEventListener('abort', () => reject(new Error(MESSAGES.failed)));
    xhr.send(data);
  });
}

/** Refusals the browser can see without sending anything. */
function checkLocally(file) {
  if (file.size > MAX_BYTES) return MESSAGES.tooLarge;
  if (file.type && !TYPES.has(file.type)) return MESSAGES.wrongType;
  return null;
}

export function init(form) {
  instances += 1;
  const input = form.querySelector('input[type="file"]');
  const submit = form.querySelector('button[type="submit"], button:not([type])');
  let status = form.querySelector('[data-upload-status]');
  if (!input) return;
  if (!status) {
    status = element('div', { 'aria-live': 'polite' });
    input.after(status);
  }

  form.addEventListener('submit', async (event) => {
    const files = [...(input.files ?? [])];
    // Nothing chosen: let the form post, and the server explains.
    if (files.length === 0) return;
    event.preventDefault();
    if (form.dataset.uploading === 'true') return;
    form.dataset.uploading = 'true';
    if (submit) submit.disabled = true;
    status.textContent = '';
    const list = element('ul', { class: 'photo-upload__files' });
    status.append(list);

    let uploaded = 0;
    let failed = 0;
    for (const file of files) {
      const row = fileRow(list, file);
      const local = checkLocally(file);
      if (local) {
        row.fail(local);
        failed += 1;
        continue;
      }
      try {
        await send(form, file, row);
        row.done();
        uploaded += 1;
      } catch (error) {
        row.fail(error instanceof Error ? error.message : MESSAGES.failed);
        failed += 1;
      }
    }

    delete form.dataset.uploading;
    if (submit) submit.disabled = false;
    if (failed === 0) {
      window.location.reload();
      return;
    }
    input.value = '';
    if (uploaded > 0) {
      const note = element('p', {}, `${MESSAGES.partial} `);
      const link = element('a', { href: window.location.href }, MESSAGES.reload);
      note.append(link);
      status.append(note);
    }
  });
}
