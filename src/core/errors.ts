// Stable error codes with Persian messages. Services throw these; the one error handler
// turns them into a page or JSON with the right status.

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    /** Persian, shown to the person. */
    public readonly userMessage: string,
    public readonly fieldErrors: FieldErrors = {},
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'AppError';
  }
}

export const badRequest = (message = 'درخواست نامعتبر است.') => new AppError('bad_request', 400, message);
export const unauthenticated = (message = 'برای ادامه وارد حساب کاربری خود شوید.') => new AppError('unauthenticated', 401, message);
export const forbidden = (message = 'اجازهٔ انجام این کار را ندارید.') => new AppError('forbidden', 403, message);
export const notFound = (message = 'صفحه یا موردی که دنبال آن بودید پیدا نشد.') => new AppError('not_found', 404, message);
export const conflict = (message = 'این مورد هم‌زمان توسط شخص دیگری تغییر کرده است. صفحه را دوباره باز کنید و تغییرات را دوباره اعمال کنید.') =>
  new AppError('conflict', 409, message);
export const validationFailed = (fieldErrors: FieldErrors, message = 'اطلاعات فرم کامل یا درست نیست.') =>
  new AppError('validation_failed', 422, message, fieldErrors);
export const tooManyRequests = (message = 'تعداد درخواست‌ها بیش از حد مجاز است. چند دقیقهٔ دیگر دوباره تلاش کنید.') =>
  new AppError('too_many_requests', 429, message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
