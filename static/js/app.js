// Progressive enhancement: every page works without this file. Elements opt in
// with data-module="<name>"; each module is initialised once per element, on load
// and again inside content htmx swaps in.

const modules = {
  'error-summary': async () => ({ init: initErrorSummary }),
  'jalali-date-picker': () => import('./jalali-date-picker.js'),
  'photo-upload': () => import('./upload.js'),
};

document.documentElement.classList.add('js');

/** Focus the summary so it is read first; its links focus the field and show its label. */
function initErrorSummary(summary) {
  summary.focus();
  summary.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    if (!link) return;
    const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    const legend = field.closest('fieldset')?.querySelector('legend');
    const label = field.id ? document.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null;
    (legend ?? label ?? field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
}

function init(root) {
  const elements = [...root.querySelectorAll('[data-module]')];
  if (root instanceof Element && root.hasAttribute('data-module')) elements.unshift(root);
  for (const element of elements) {
    const load = modules[element.dataset.module];
    if (!load || element.dataset.moduleState) continue;
    element.dataset.moduleState = 'loading';
    load()
      .then((module) => {
        module.init(element);
        element.dataset.moduleState = 'ready';
      })
      .catch(() => {
        // The plain control still works; leave it as it is.
        element.dataset.moduleState = 'failed';
      });
  }
}

// «Are you sure?» for destructive actions: data-confirm on a submit button, a
// form, a link or a plain button. Capture phase, so a refusal stops htmx too.
document.addEventListener(
  'submit',
  (event) => {
    const form = event.target;
    const message = event.submitter?.dataset.confirm ?? (form instanceof HTMLElement ? form.dataset.confirm : undefined);
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopPropagation();
    }
  },
  true,
);

document.addEventListener(
  'click',
  (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
    if (!target || target.matches('form, button[type="submit"], button:not([type]), input[type="submit"]')) return;
    if (!window.confirm(target.dataset.confirm)) {
      event.preventDefault();
      event.stopPropagation();
    }
  },
  true,
);

document.addEventListener('htmx:load', (event) => {
  if (event.detail?.elt instanceof Element) init(event.detail.elt);
});

init(document);
