export { sanitizeNewsHtml, htmlToPlainText, sanitizeCommentText, type NewsHtmlOptions } from './sanitize.js';
