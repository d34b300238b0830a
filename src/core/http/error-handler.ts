// The one error handler: AppErrors keep their status and Persian message; framework
// errors (bad JSON, CSRF, body too large, rate limit) are mapped to Persian; anything
// else is a 500 that is logged and never shows internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../errors.js';

export interface ErrorView {
  status: number;
  code: string;
  message: string;
  fieldErrors: Record<string, string>;
}

export type ErrorPageRenderer = (request: FastifyRequest, view: ErrorView) => string;

function fromFramework(err: FastifyError): AppError | undefined {
  const code = err.code ?? '';
  if (code.startsWith('FST_CSRF')) {
    return new AppError('csrf_invalid', 403, 'نشست فرم منقضی شده یا فرم از جای دیگری ارسال شده است. صفحه را دوباره باز کنید و دوباره ارسال کنید.');
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError('payload_too_large', 413, 'حجم اطلاعات ارسال‌شده بیش از حد مجاز است.');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError('unsupported_media_type', 415, 'نوع محتوای ارسال‌شده پشتیبانی نمی‌شود.');
  }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.name === 'SyntaxError') {
    return new AppError('invalid_json', 400, 'بدنهٔ درخواست JSON معتبر نیست.');
  }
  if (code === 'FST_ERR_VALIDATION') {
    return new AppError('validation_failed', 400, 'درخواست با قالب مورد انتظار سازگار نیست.');
  }
  if (err.statusCode === 429) {
    return new AppError('too_many_requests', 429, 'تعداد درخواست‌ها بیش از حد مجاز است. کمی بعد دوباره تلاش کنید.');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('bad_request', err.statusCode, 'درخواست نامعتبر است.');
  }
  return undefined;
}

export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function registerErrorHandler(app: FastifyInstance, renderPage: ErrorPageRenderer): void {
  const send = (request: FastifyRequest, reply: FastifyReply, view: ErrorView) => {
    reply.status(view.status);
    if (wantsJson(request)) {
      return reply.send({ error: { code: view.code, message: view.message, fields: view.fieldErrors } });
    }
    return reply.type('text/html; charset=utf-8').send(renderPage(request, view));
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = isAppError(error) ? error : fromFramework(error);
    if (!appError) {
      request.log.error({ err: error }, 'unhandled error');
      return send(request, reply, {
        status: 500,
        code: 'internal',
        message: 'خطایی در سامانه رخ داد. اطلاعات شما ذخیره نشد؛ لطفاً دوباره تلاش کنید.',
        fieldErrors: {},
      });
    }
    if (appError.status >= 500) request.log.error({ err: error }, appError.code);
    else request.log.info({ code: appError.code, status: appError.status }, 'request rejected');
    return send(request, reply, {
      status: appError.status,
      code: appError.code,
      message: appError.userMessage,
      fieldErrors: appError.fieldErrors,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    send(request, reply, { status: 404, code: 'not_found', message: 'صفحه‌ای که دنبال آن بودید پیدا نشد.', fieldErrors: {} }),
  );
}
