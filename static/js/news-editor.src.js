// The news body editor: a TipTap (ProseMirror) island over the plain textarea of the news
// form, limited to what the server's allow-list keeps (paragraphs, h2/h3, quotes, lists,
// links, bold/italic, images of our own media), right to left, with a keyboard-accessible
// toolbar. It writes its HTML into the textarea, which is what the form posts; the server
// sanitiser is the authority whatever arrives. Without this file the textarea works as is.
//
// Source of static/js/news-editor.js: `npm run build:islands` bundles it with esbuild.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';

const OWN_MEDIA = /^\/media\/[^/\\]/;
const TAG = /<\/?[a-zA-Z][^>]*>/;

/** The same reading of a plain-text body as the server's: blank lines separate paragraphs. */
function htmlFromPlain(text) {
  if (text.trim() === '' || TAG.test(text)) return text;
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Images pasted from elsewhere would be dropped by the server anyway: drop them now. */
function keepOwnImages(html) {
  return html.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = /\ssrc\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1] ?? '';
    return OWN_MEDIA.test(src) && !src.includes('..') ? tag : '';
  });
}

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

let instances = 0;

/** The toolbar's buttons: name, Persian label, shortcut, command, and whether it shows a state. */
function buttonsFor(hasPhotos) {
  const list = [
    { name: 'bold', label: 'درشت', keys: 'Control+B', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
    { name: 'italic', label: 'کج', keys: 'Control+I', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
    {
      name: 'h2',
      label: 'میان‌تیتر',
      keys: 'Control+Alt+2',
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive('heading', { level: 2 }),
    },
    {
      name: 'h3',
      label: 'میان‌تیتر کوچک',
      keys: 'Control+Alt+3',
      run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive('heading', { level: 3 }),
    },
    { name: 'blockquote', label: 'نقل‌قول', keys: 'Control+Shift+B', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
    { name: 'bulletList', label: 'فهرست', keys: 'Control+Shift+8', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
    {
      name: 'orderedList',
      label: 'فهرست شماره‌دار',
      keys: 'Control+Shift+7',
      run: (e) => e.chain().focus().toggleOrderedList().run(),
      active: (e) => e.isActive('orderedList'),
    },
    { name: 'link', label: 'پیوند', keys: 'Control+K', panel: 'link', active: (e) => e.isActive('link') },
  ];
  if (hasPhotos) list.push({ name: 'image', label: 'عکس', panel: 'image' });
  list.push(
    { name: 'undo', label: 'واگرد', keys: 'Control+Z', run: (e) => e.chain().focus().undo().run(), enabled: (e) => e.can().undo() },
    { name: 'redo', label: 'ازنو', keys: 'Control+Shift+Z', run: (e) => e.chain().focus().redo().run(), enabled: (e) => e.can().redo() },
  );
  return list;
}

export function init(container) {
  const textarea = container.querySelector('textarea');
  const label = container.querySelector('label');
  if (!textarea || container.querySelector('.news-editor')) return;
  instances += 1;
  const prefix = `news-editor-${instances}`;
  let photos = [];
  try {
    photos = JSON.parse(container.dataset.photos || '[]').filter((p) => p && typeof p.src === 'string' && OWN_MEDIA.test(p.src));
  } catch {
    photos = [];
  }

  const wrapper = el('div', { class: 'news-editor' });
  const toolbar = el('div', { class: 'news-editor__toolbar', role: 'toolbar', 'aria-label': 'قالب متن خبر', 'aria-controls': textarea.id });
  const panel = el('div', { class: 'news-editor__panel', hidden: '' });
  const mount = el('div', { class: 'news-editor__mount' });
  wrapper.append(toolbar, panel, mount);
  textarea.before(wrapper);

  const fieldId = textarea.id;
  const describedBy = textarea.getAttribute('aria-describedby');
  if (label && !label.id) label.id = `${prefix}-label`;

  let editor;
  try {
    editor = new Editor({
      element: mount,
      injectCSS: false,
      content: htmlFromPlain(textarea.value),
      extensions: [
        StarterKit.configure({
          heading: { levels: [2, 3] },
          code: false,
          codeBlock: false,
          horizontalRule: false,
          strike: false,
          underline: false,
          link: {
            openOnClick: false,
            autolink: true,
            linkOnPaste: true,
            defaultProtocol: 'https',
            HTMLAttributes: { target: null, rel: 'noopener noreferrer', class: null },
          },
        }),
        Image.configure({ inline: false, allowBase64: false }),
      ],
      editorProps: {
        attributes: {
          id: fieldId,
          class: 'news-editor__content prose',
          dir: 'rtl',
          lang: 'fa',
          role: 'textbox',
          'aria-multiline': 'true',
          ...(label ? { 'aria-labelledby': label.id } : {}),
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          ...(textarea.getAttribute('aria-invalid') ? { 'aria-invalid': 'true' } : {}),
        },
        transformPastedHTML: keepOwnImages,
      },
    });
  } catch (error) {
    wrapper.remove();
    throw error;
  }

  // The visible control takes over the field's id, so the label, the error summary's link
  // (#body) and focus all reach the editor; the textarea keeps its name and is what posts.
  textarea.id = `${fieldId}-source`;
  textarea.hidden = true;
  textarea.setAttribute('aria-hidden', 'true');
  textarea.tabIndex = -1;
  label?.addEventListener('click', (event) => {
    event.preventDefault();
    editor.commands.focus();
  });

  // Empty paragraphs at the end (Enter pressed last) are not part of the text.
  const html = () => (editor.isEmpty ? '' : editor.getHTML().replace(/(?:<p><\/p>)+$/, ''));
  const write = () => {
    textarea.value = html();
    // Autosave listens for input on the form.
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  };
  editor.on('update', write);
  textarea.form?.addEventListener('submit', () => {
    textarea.value = html();
  });
  // A restored browser copy (autosave.js) puts HTML into the textarea and asks for it here.
  textarea.addEventListener('news-editor:set', () => {
    editor.commands.setContent(htmlFromPlain(textarea.value), { emitUpdate: false });
  });

  // ---------------------------------------------------------------- toolbar

  const buttons = buttonsFor(photos.length > 0).map((b, index) => {
    const button = el('button', {
      type: 'button',
      class: `news-editor__button news-editor__button--${b.name}`,
      tabindex: index === 0 ? '0' : '-1',
      'aria-keyshortcuts': b.keys,
      title: b.keys ? `${b.label} (${b.keys.replace('Control', 'Ctrl')})` : b.label,
      ...(b.active ? { 'aria-pressed': 'false' } : {}),
      ...(b.panel ? { 'aria-expanded': 'false', 'aria-controls': `${prefix}-panel` } : {}),
    }, b.label);
    button.addEventListener('click', () => {
      if (b.panel) openPanel(b.panel, button);
      else b.run(editor);
    });
    toolbar.append(button);
    return { spec: b, button };
  });
  panel.id = `${prefix}-panel`;

  const refresh = () => {
    for (const { spec, button } of buttons) {
      if (spec.active) button.setAttribute('aria-pressed', String(Boolean(spec.active(editor))));
      if (spec.enabled) button.disabled = !spec.enabled(editor);
    }
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  refresh();

  // One tab stop for the toolbar; arrows move within it (toolbar pattern). In a
  // right-to-left page the next button is to the left.
  toolbar.addEventListener('keydown', (event) => {
    const enabled = buttons.map((b) => b.button).filter((b) => !b.disabled);
    const at = enabled.indexOf(document.activeElement);
    if (at < 0) return;
    const rtl = getComputedStyle(toolbar).direction === 'rtl';
    let next = null;
    if (event.key === (rtl ? 'ArrowLeft' : 'ArrowRight')) next = enabled[(at + 1) % enabled.length];
    else if (event.key === (rtl ? 'ArrowRight' : 'ArrowLeft')) next = enabled[(at - 1 + enabled.length) % enabled.length];
    else if (event.key === 'Home') next = enabled[0];
    else if (event.key === 'End') next = enabled[enabled.length - 1];
    if (!next) return;
    event.preventDefault();
    for (const b of buttons) b.button.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });

  // ---------------------------------------------------------------- link and image panels

  let panelButton = null;

  function closePanel(refocusEditor = true) {
    panel.hidden = true;
    panel.replaceChildren();
    if (panelButton) panelButton.setAttribute('aria-expanded', 'false');
    panelButton = null;
    if (refocusEditor) editor.commands.focus();
  }

  function panelKeys(event, apply) {
    if (event.key === 'Escape') {
      event.preventDefault();
      closePanel();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      // Enter here applies, it must not submit the news form.
      event.preventDefault();
      apply();
    }
  }

  function openPanel(kind, button) {
    if (panelButton === button) {
      closePanel();
      return;
    }
    closePanel(false);
    panelButton = button;
    button.setAttribute('aria-expanded', 'true');
    panel.hidden = false;
    if (kind === 'link') linkPanel();
    else imagePanel();
  }

  function linkPanel() {
    const id = `${prefix}-href`;
    const current = editor.getAttributes('link').href ?? '';
    const input = el('input', { id, type: 'url', class: 'input', dir: 'ltr', value: current, autocomplete: 'off', spellcheck: 'false' });
    const hint = el('div', { class: 'hint', id: `${id}-hint` }, 'نشانی کامل، مثلاً https://tehran.ir/… یا نشانی صفحه‌ای از همین سامانه.');
    input.setAttribute('aria-describedby', `${id}-hint`);
    const apply = () => {
      const href = input.value.trim();
      if (href === '') editor.chain().focus().extendMarkRange('link').unsetLink().run();
      else editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
      closePanel();
    };
    const add = el('button', { type: 'button', class: 'button button--secondary' }, current ? 'به‌روزکردن پیوند' : 'افزودن پیوند');
    add.addEventListener('click', apply);
    const actions = el('div', { class: 'button-group' });
    actions.append(add);
    if (current) {
      const remove = el('button', { type: 'button', class: 'button button--secondary' }, 'برداشتن پیوند');
      remove.addEventListener('click', () => {
        editor.chain().focus().extendMarkRange('link').unsetLink().run();
        closePanel();
      });
      actions.append(remove);
    }
    const cancel = el('button', { type: 'button', class: 'button button--secondary' }, 'انصراف');
    cancel.addEventListener('click', () => closePanel());
    actions.append(cancel);
    panel.append(el('label', { class: 'label', for: id }, 'نشانی پیوند'), hint, input, actions);
    panel.onkeydown = (event) => panelKeys(event, apply);
    input.focus();
  }

  function imagePanel() {
    const id = `${prefix}-photo`;
    const select = el('select', { id, class: 'select' });
    photos.forEach((p, i) => select.append(el('option', { value: String(i) }, p.alt ? `عکس ${(i + 1).toLocaleString('fa-IR')}: ${p.alt}` : `عکس ${(i + 1).toLocaleString('fa-IR')}`)));
    const apply = () => {
      const photo = photos[Number(select.value)];
      if (photo) editor.chain().focus().setImage({ src: photo.src, alt: photo.alt || '' }).run();
      closePanel();
    };
    const insert = el('button', { type: 'button', class: 'button button--secondary' }, 'درج عکس در متن');
    insert.addEventListener('click', apply);
    const cancel = el('button', { type: 'button', class: 'button button--secondary' }, 'انصراف');
    cancel.addEventListener('click', () => closePanel());
    const actions = el('div', { class: 'button-group' });
    actions.append(insert, cancel);
    const hint = el('div', { class: 'hint' }, 'فقط عکس‌های همین خبر؛ زیرنویس و متن جایگزین را در بخش «عکس‌های خبر» بنویسید.');
    panel.append(el('label', { class: 'label', for: id }, 'کدام عکس؟'), hint, select, actions);
    panel.onkeydown = (event) => panelKeys(event, apply);
    select.focus();
  }

  editor.view.dom.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      const linkButton = buttons.find((b) => b.spec.name === 'link')?.button;
      if (linkButton) openPanel('link', linkButton);
    }
  });

  container.classList.add('news-body--enhanced');
  return editor;
}

for (const container of document.querySelectorAll('[data-module="news-editor"]')) {
  try {
    init(container);
    container.dataset.moduleState = 'ready';
  } catch {
    // The plain textarea still works; leave it as it is.
    container.dataset.moduleState = 'failed';
  }
}
