// Autosave for the news form (src/features/newsroom/views/news-form.page.tsx). Without
// this file the form saves when its buttons are pressed; with it:
// - every 20 seconds, when something changed, the form is posted to its autosave URL.
//   A new form's first autosave creates the draft (its idempotency key makes a retried
//   post find the same draft), then the form switches to that draft and saves by version.
//   A stale version (409) is never overwritten: autosave stops and says so.
// - a copy of what is typed is kept in this browser (localStorage) and offered back,
//   with a prompt, when the page is opened again after a closed tab or a lost connection.

const INTERVAL_MS = 20_000;
const LOCAL_DELAY_MS = 800;
/** Plumbing, not text: never compared, stored or restored. */
const SKIP = new Set(['_csrf', 'idempotency_key', 'version', 'intent', 'apply']);

const MESSAGES = {
  saved: (time) => `ذخیرهٔ خودکار انجام شد؛ ساعت ${time}.`,
  saving: 'در حال ذخیرهٔ خودکار…',
  waiting: (reason) => `ذخیرهٔ خودکار منتظر است: ${reason}`,
  offline: 'ذخیرهٔ خودکار انجام نشد (ارتباط برقرار نشد). متن در همین مرورگر نگه داشته شد و دوباره تلاش می‌شود.',
  conflict:
    'این خبر در جای دیگری تغییر کرده است؛ ذخیرهٔ خودکار متوقف شد تا چیزی بازنویسی نشود. متن شما در این صفحه و در این مرورگر مانده است: با «ذخیره» دو نسخه را کنار هم می‌بینید.',
  signedOut: 'نشست شما پایان یافته یا فرم کهنه شده است؛ ذخیرهٔ خودکار متوقف شد. متن در این مرورگر نگه داشته شد؛ دوباره وارد شوید.',
  stopped: (reason) => `ذخیرهٔ خودکار متوقف شد: ${reason}`,
  restorePrompt: (time) => `نسخه‌ای ذخیره‌نشده از این خبر در همین مرورگر پیدا شد (${time}). آن را بازیابی می‌کنید؟`,
  changedSince: 'خبر پس از آن در سامانه هم تغییر کرده است؛ اگر متن را بازیابی و ذخیره کنید، دو نسخه را کنار هم می‌بینید و چیزی بازنویسی نمی‌شود.',
  restore: 'بازیابی متن',
  discard: 'نادیده گرفتن',
  restored: 'متن ذخیره‌نشده بازیابی شد؛ برای ثبت آن «ذخیره» را بزنید.',
};

const timeFormat = new Intl.DateTimeFormat('fa-IR', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tehran' });
const dateTimeFormat = new Intl.DateTimeFormat('fa-IR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tehran' });

function randomKey() {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function init(form) {
  const status = form.querySelector('[data-autosave-status]');
  const store = storage();
  let storageKey = form.dataset.autosaveStorageKey;
  let url = form.dataset.autosaveUrl || '';
  let stopped = false;
  let pending = null;
  let attempt = { snapshot: null, key: null };

  const entries = () => {
    const out = [];
    for (const [name, value] of new FormData(form)) if (!SKIP.has(name) && typeof value === 'string') out.push([name, value]);
    return out;
  };
  const snapshot = () => JSON.stringify(entries());
  /** What the server has: the page as it was rendered, then each successful save. */
  let saved = snapshot();

  const say = (text, tone) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('autosave-status--warning', tone === 'warning');
  };

  // ---------------------------------------------------------------- the browser copy

  let localTimer = 0;
  const keepLocal = () => {
    window.clearTimeout(localTimer);
    if (!store || !storageKey) return;
    const snap = snapshot();
    try {
      if (snap === saved) store.removeItem(storageKey);
      else {
        const version = form.querySelector('input[name="version"]')?.value ?? null;
        store.setItem(storageKey, JSON.stringify({ at: Date.now(), version, entries: JSON.parse(snap) }));
      }
    } catch {
      // A full or disabled storage: the server copy is the only one.
    }
  };
  const onChange = () => {
    window.clearTimeout(localTimer);
    localTimer = window.setTimeout(keepLocal, LOCAL_DELAY_MS);
  };
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);
  window.addEventListener('pagehide', keepLocal);

  function apply(list) {
    const byName = new Map();
    for (const [name, value] of list) byName.set(name, [...(byName.get(name) ?? []), value]);
    for (const control of form.elements) {
      if (!control.name || SKIP.has(control.name) || control.type === 'submit' || control.type === 'button' || control.type === 'file') continue;
      const values = byName.get(control.name) ?? [];
      if (control.type === 'checkbox' || control.type === 'radio') control.checked = values.includes(control.value);
      else control.value = values[0] ?? '';
      if (control.tagName === 'TEXTAREA') control.dispatchEvent(new CustomEvent('news-editor:set'));
    }
  }

  function offerRestore() {
    if (!store || !storageKey) return;
    let copy = null;
    try {
      copy = JSON.parse(store.getItem(storageKey) ?? 'null');
    } catch {
      copy = null;
    }
    if (!copy || !Array.isArray(copy.entries) || typeof copy.at !== 'number') return;
    if (JSON.stringify(copy.entries) === saved) {
      store.removeItem(storageKey);
      return;
    }
    const serverAt = Date.parse(form.dataset.updatedAt || '') || 0;
    const version = form.querySelector('input[name="version"]');
    const changedSince = copy.at <= serverAt || (version && copy.version && copy.version !== version.value);
    const box = el('div', { class: 'autosave-restore', role: 'alert' });
    const text = el('p', {}, MESSAGES.restorePrompt(dateTimeFormat.format(new Date(copy.at))));
    if (changedSince) text.append(' ', MESSAGES.changedSince);
    const restore = el('button', { type: 'button', class: 'button' }, MESSAGES.restore);
    const discard = el('button', { type: 'button', class: 'button button--secondary' }, MESSAGES.discard);
    const group = el('div', { class: 'button-group' });
    group.append(restore, discard);
    box.append(text, group);
    form.prepend(box);
    restore.addEventListener('click', () => {
      apply(copy.entries);
      // The copy was typed over the version it names: a save finds out if that is stale (409).
      if (version && copy.version) version.value = String(copy.version);
      box.remove();
      say(MESSAGES.restored);
      form.querySelector('input:not([type="hidden"]), textarea, [contenteditable="true"]')?.focus();
    });
    discard.addEventListener('click', () => {
      store.removeItem(storageKey);
      box.remove();
    });
  }

  // ---------------------------------------------------------------- the server copy

  function switchToDraft(data) {
    // The new form's draft exists now: from here on the form edits it.
    form.action = data.saveUrl;
    url = data.autosaveUrl;
    form.dataset.autosaveUrl = url;
    let version = form.querySelector('input[name="version"]');
    if (!version) {
      version = el('input', { type: 'hidden', name: 'version' });
      form.querySelector('input[name="idempotency_key"]')?.after(version);
    }
    form.querySelector('[data-editor-suggestions]')?.setAttribute('formaction', data.suggestionsUrl);
    const newKey = storageKey.replace(/:new$/, `:${data.id}`);
    if (store && newKey !== storageKey) {
      try {
        store.removeItem(storageKey);
      } catch {
        // nothing to move
      }
    }
    storageKey = newKey;
    form.dataset.autosaveStorageKey = newKey;
    try {
      history.replaceState(history.state, '', data.editUrl);
    } catch {
      // the address bar keeps /new; the form posts to the draft anyway
    }
  }

  async function save() {
    const snap = snapshot();
    if (snap === saved) return;
    const creating = !form.querySelector('input[name="version"]');
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string' && name !== 'intent' && name !== 'apply') body.append(name, value);
    if (!creating) {
      // One key per text: a retry of the same text after a lost answer is recognised.
      if (attempt.snapshot !== snap) attempt = { snapshot: snap, key: randomKey() };
      body.set('idempotency_key', attempt.key);
    }
    say(MESSAGES.saving);
    let response;
    try {
      response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
        body,
      });
    } catch {
      say(MESSAGES.offline, 'warning');
      keepLocal();
      return;
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (response.ok && data && typeof data.version === 'number') {
      if (creating) switchToDraft(data);
      const version = form.querySelector('input[name="version"]');
      if (version) version.value = String(data.version);
      form.dataset.updatedAt = data.savedAt;
      saved = snap;
      keepLocal();
      say(MESSAGES.saved(timeFormat.format(new Date(data.savedAt))));
      return;
    }
    const error = data?.error ?? {};
    if (response.status === 409 && error.code === 'conflict') {
      stopped = true;
      say(MESSAGES.conflict, 'warning');
    } else if (response.status === 409) {
      stopped = true;
      say(MESSAGES.stopped(error.message ?? ''), 'warning');
    } else if (response.status === 422) {
      const first = Object.values(error.fields ?? {})[0];
      say(MESSAGES.waiting(first ?? error.message ?? ''));
    } else if (response.status === 401 || response.status === 403 || response.status === 400) {
      stopped = true;
      say(MESSAGES.signedOut, 'warning');
    } else {
      say(MESSAGES.offline, 'warning');
    }
    keepLocal();
  }

  const tick = () => {
    if (stopped || pending || !url) return;
    pending = save().finally(() => {
      pending = null;
    });
  };
  window.setInterval(tick, INTERVAL_MS);

  // A press of «ذخیره» while a new form's draft is being created waits for it, so the
  // press edits that draft instead of making another (or replaying the first).
  let resubmitting = false;
  form.addEventListener('submit', (event) => {
    if (pending && !resubmitting && !form.querySelector('input[name="version"]')) {
      event.preventDefault();
      const submitter = event.submitter;
      pending.finally(() => {
        resubmitting = true;
        form.requestSubmit(submitter ?? undefined);
      });
      return;
    }
    stopped = true;
    window.clearTimeout(localTimer);
    // The server now has (or answers for) this text: a 422 or 409 page shows it again.
    try {
      store?.removeItem(storageKey);
    } catch {
      // nothing stored
    }
  });

  offerRestore();
  // The «ویراستار»'s suggestions, when shown, are what the person came back for.
  const suggestions = document.getElementById('editor-suggestions');
  if (suggestions) suggestions.focus();
}

const form = document.querySelector('form[data-autosave-storage-key]');
if (form) init(form);
