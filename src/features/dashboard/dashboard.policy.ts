// Which links the staff home offers to which roles: only pages that exist today.
import type { Role } from '../../core/roles.js';
import type { HomeLinkGroup } from './views/staff-home.page.js';

export function homeLinkGroups(roles: readonly Role[]): HomeLinkGroup[] {
  const groups: HomeLinkGroup[] = [];
  if (roles.includes('admin')) {
    groups.push({
      heading: 'مدیریت سامانه',
      links: [
        { href: '/staff/admin/users', label: 'کاربران', description: 'افزودن کاربر، نقش‌ها و حوزه‌ها، بازنشانی رمز عبور' },
        { href: '/staff/admin/org', label: 'سازمان', description: 'منطقه، نواحی، محله‌ها و واحدهای سازمانی' },
        { href: '/staff/admin/audit', label: 'رویدادهای سامانه', description: 'ورودها و تغییرهای ثبت‌شده' },
        { href: '/staff/design', label: 'سامانهٔ طراحی', description: 'اجزای رابط کاربری و نمونه‌هایشان' },
      ],
    });
  }
  const editor = roles.includes('pr_editor') || roles.includes('pr_manager');
  const writer = roles.includes('reporter') || roles.includes('photographer') || roles.includes('liaison');
  if (editor || writer) {
    groups.push({
      heading: 'خبرها',
      links: [
        ...(editor
          ? [{ href: '/staff/news', label: 'میز خبر', description: 'خبرهای رسیده، منتظر بررسی و زمان‌بندی‌شده؛ دیرکردها' }]
          : [{ href: '/staff/news', label: 'خبرهای من', description: 'پیش‌نویس‌ها، خبرهای برگشتی برای اصلاح و منتشرشده‌ها' }]),
        { href: '/staff/news/new', label: 'نوشتن خبر تازه', description: 'گزارش برنامه یا بازدید، با عکس' },
        ...(editor
          ? [{ href: '/staff/comments', label: 'نظرهای شهروندان', description: 'نظرهای در انتظار بررسی: انتشار، رد با دلیل، پاسخ شهرداری' }]
          : []),
      ],
    });
  }
  const canUseSecondFactor = roles.includes('admin') || roles.includes('pr_manager');
  groups.push({
    heading: 'حساب شما',
    links: [
      { href: '/account', label: 'حساب کاربری', description: 'مشخصات، نقش‌ها و توکن‌های دسترسی' },
      { href: '/account/password', label: 'تغییر رمز عبور', description: 'همهٔ نشست‌های دیگر بسته می‌شود' },
      ...(canUseSecondFactor
        ? [{ href: '/account/second-factor', label: 'تأیید دومرحله‌ای', description: 'کد برنامهٔ احراز هویت هنگام ورود' }]
        : []),
    ],
  });
  return groups;
}
