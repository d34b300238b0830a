// Region 21 demo data, from shared/data/region21-reference.json and the public facts
// behind it (shared/region21-facts.md). What is not a public fact is marked sample:
// which district each neighbourhood belongs to is not known publicly, so the split
// below is a plausible one by geography (Tehransar in the east, the townships in the
// middle, Chitgar and Vardavard in the west) and every neighbourhood is is_sample.
import type { Role } from '../core/roles.js';

export const REGION = {
  code: 'R21',
  name: 'منطقه ۲۱',
  /** region21.tehran.ir, «مشخصات جغرافیایی منطقه 21» [official]. */
  areaHa: 5156,
} as const;

/** Three districts [official: 137.tehran.ir «نیم‌رخ منطقه 21»]. Their areas are not public. */
export const DISTRICTS = [
  { code: 'R21-D1', name: 'ناحیه ۱' },
  { code: 'R21-D2', name: 'ناحیه ۲' },
  { code: 'R21-D3', name: 'ناحیه ۳' },
] as const;

export type DistrictCode = (typeof DISTRICTS)[number]['code'];

/**
 * The 17 names of the best-supported list [secondary], numbered in the order of the
 * reference file; `district` is the sample placement.
 */
export const NEIGHBOURHOODS: ReadonlyArray<{ code: string; name: string; district: DistrictCode }> = [
  { code: 'R21-N01', name: 'باشگاه نفت', district: 'R21-D1' },
  { code: 'R21-N02', name: 'تهرانسر شرقی', district: 'R21-D1' },
  { code: 'R21-N03', name: 'تهرانسر شمالی', district: 'R21-D1' },
  { code: 'R21-N04', name: 'تهرانسر غربی', district: 'R21-D1' },
  { code: 'R21-N05', name: 'تهرانسر مرکزی', district: 'R21-D1' },
  { code: 'R21-N06', name: 'چیتگر شمالی', district: 'R21-D3' },
  { code: 'R21-N07', name: 'چیتگر جنوبی', district: 'R21-D3' },
  { code: 'R21-N08', name: 'شهرک آزادی', district: 'R21-D2' },
  { code: 'R21-N09', name: 'شهرک استقلال', district: 'R21-D2' },
  { code: 'R21-N10', name: 'شهرک پاسداران', district: 'R21-D2' },
  { code: 'R21-N11', name: 'شهرک دانشگاه', district: 'R21-D1' },
  { code: 'R21-N12', name: 'شهرک فرهنگیان', district: 'R21-D2' },
  { code: 'R21-N13', name: 'شهرک شهرداری', district: 'R21-D2' },
  { code: 'R21-N14', name: 'شهرک غزالی', district: 'R21-D2' },
  { code: 'R21-N15', name: 'ویلاشهر', district: 'R21-D3' },
  { code: 'R21-N16', name: 'وردآورد', district: 'R21-D3' },
  { code: 'R21-N17', name: 'شهرک دریا', district: 'R21-D3' },
];

/** The region's deputies and offices, attached to the region. */
export const REGION_DEPARTMENTS: ReadonlyArray<{ key: string; name: string; kind: 'deputy' | 'office' }> = [
  { key: 'pr', name: 'روابط عمومی', kind: 'office' },
  { key: 'planning', name: 'معاونت برنامه‌ریزی و توسعهٔ شهری', kind: 'deputy' },
  { key: 'urban_services', name: 'معاونت خدمات شهری و محیط زیست', kind: 'deputy' },
  { key: 'civil_works', name: 'معاونت فنی و عمرانی', kind: 'deputy' },
  { key: 'urban_planning', name: 'معاونت شهرسازی و معماری', kind: 'deputy' },
  { key: 'finance_admin', name: 'معاونت مالی و اداری', kind: 'deputy' },
  { key: 'social_cultural', name: 'معاونت اجتماعی و فرهنگی', kind: 'deputy' },
  { key: 'traffic', name: 'معاونت حمل‌ونقل و ترافیک', kind: 'deputy' },
];

/** Each district's own municipality office («شهرداری ناحیه ۱»). */
export const DISTRICT_OFFICE_KEY = 'district_office';
export const districtOfficeName = (districtName: string) => `شهرداری ${districtName}`;

/** Where a demo account's role applies. */
export type DemoScope = { unit: 'region' } | { unit: DistrictCode } | { department: string };

/** One demo account per role; passwords are random and printed once. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ role: Role; username: string; displayName: string; scope: DemoScope }> = [
  { role: 'admin', username: 'admin', displayName: 'مدیر سامانه (نمونه)', scope: { unit: 'region' } },
  { role: 'pr_manager', username: 'pr.manager', displayName: 'مدیر روابط عمومی (نمونه)', scope: { unit: 'region' } },
  { role: 'pr_editor', username: 'pr.editor', displayName: 'دبیر خبر روابط عمومی (نمونه)', scope: { unit: 'region' } },
  { role: 'reporter', username: 'reporter.d3', displayName: 'کارشناس خبری ناحیه ۳ (نمونه)', scope: { unit: 'R21-D3' } },
  { role: 'photographer', username: 'photographer.d3', displayName: 'عکاس ناحیه ۳ (نمونه)', scope: { unit: 'R21-D3' } },
  { role: 'liaison', username: 'liaison.services', displayName: 'رابط روابط عمومی خدمات شهری (نمونه)', scope: { department: 'urban_services' } },
  { role: 'data_officer', username: 'data.officer', displayName: 'کارشناس آمار و اطلاعات (نمونه)', scope: { unit: 'region' } },
  { role: 'official', username: 'official.d1', displayName: 'شهردار ناحیه ۱ (نمونه)', scope: { unit: 'R21-D1' } },
];
