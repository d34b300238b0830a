// Demo news of Region 21 for the portal: sample reports in the shape the district news
// experts file them, so a fresh start shows a living site. They are sample data (the
// source line says so); places are the demo's districts and neighbourhoods.
import type { DistrictCode } from './region21.data.js';

export interface DemoPhoto {
  /** The scene's palette: sky, ground, accent. */
  palette: [string, string, string];
  /** What the scene shows: park (trees), street (buildings and a road), lake (water). */
  scene: 'park' | 'street' | 'lake';
  caption: string;
  alt: string;
}

export interface DemoComment {
  name: string;
  text: string;
  /** The municipality's answer under the comment. */
  reply?: string;
}

export interface DemoNewsItem {
  /** Who files it: a district's reporter, or the PR desk for region-wide news. */
  writer: 'reporter.d3' | 'pr.editor';
  unit: DistrictCode | 'region';
  neighbourhood?: string;
  kind: 'news' | 'photo_news' | 'notice' | 'interview';
  serviceAreas: string[];
  overline?: string;
  headline: string;
  lead: string;
  paragraphs: string[];
  /** Published this many hours before the seed runs. */
  hoursAgo: number;
  featured?: boolean;
  photos?: DemoPhoto[];
  comments?: DemoComment[];
}

export const DEMO_SOURCE_LINE = 'خبر نمونه — داده‌های آزمایشی شهرنما';

export const DEMO_NEWS: readonly DemoNewsItem[] = [
  {
    writer: 'pr.editor',
    unit: 'region',
    kind: 'news',
    serviceAreas: ['culture_social'],
    overline: 'یکشنبه‌های روابط عمومی',
    headline: 'نشست هفتگی روابط‌عمومی‌های نواحی با محوریت اطلاع‌رسانی سریع برگزار شد',
    lead: 'کارشناسان خبری سه ناحیه و معاونت‌های شهرداری منطقه ۲۱ در نشست یکشنبه‌ها، برنامه‌های پوشش خبری هفتهٔ پیش رو را هماهنگ کردند.',
    paragraphs: [
      'به گزارش روابط عمومی شهرداری منطقه ۲۱، در این نشست که با حضور مدیر روابط عمومی منطقه برگزار شد، زمان انتشار خبرهای نواحی از لحظهٔ ارسال تا انتشار بررسی شد و مقرر شد خبرهای بازدیدهای میدانی در کمتر از دو ساعت منتشر شوند.',
      'مدیر روابط عمومی منطقه با اشاره به نقش روابط‌عمومی‌ها در جلب مشارکت شهروندان گفت: «شهروندی که بداند چه تصمیمی گرفته شده و چه کاری انجام شده، شهر را بهتر همراهی می‌کند.»',
      'در پایان نشست، برنامهٔ پوشش عکس و فیلم سه بازدید هفتهٔ آینده میان کارشناسان نواحی تقسیم شد.',
    ],
    hoursAgo: 3,
    featured: true,
    photos: [
      {
        palette: ['#cfe8f3', '#8aa39b', '#00626e'],
        scene: 'street',
        caption: 'نشست هفتگی کارشناسان خبری نواحی در ساختمان شهرداری منطقه ۲۱',
        alt: 'ساختمان‌های اداری و خیابانی آرام در روز آفتابی',
      },
    ],
    comments: [
      {
        name: 'مریم احمدی',
        text: 'خوب است که خبرها سریع‌تر منتشر می‌شوند. لطفاً زمان جلسه‌های محله‌ای را هم زودتر اعلام کنید.',
        reply: 'از پیشنهاد شما سپاسگزاریم؛ زمان نشست‌های محله‌ای از این پس یک هفته زودتر در بخش اطلاعیه‌ها منتشر می‌شود.',
      },
    ],
  },
  {
    writer: 'reporter.d3',
    unit: 'R21-D3',
    neighbourhood: 'R21-N06',
    kind: 'photo_news',
    serviceAreas: ['green_space'],
    overline: 'گزارش تصویری',
    headline: 'کاشت ۱۲۰۰ نهال در حاشیهٔ دریاچهٔ چیتگر با مشارکت شهروندان',
    lead: 'شهرداری ناحیه ۳ منطقه ۲۱ در طرح «هر شهروند یک نهال» ۱۲۰۰ اصله نهال بومی در کمربند سبز حاشیهٔ دریاچهٔ چیتگر کاشت.',
    paragraphs: [
      'این طرح با حضور خانواده‌های ساکن چیتگر شمالی و دانش‌آموزان مدرسه‌های محله اجرا شد و نهال‌ها از گونه‌های کم‌آب‌خواه مانند زیتون تلخ، ارغوان و بادام کوهی انتخاب شدند.',
      'شهردار ناحیه ۳ گفت آبیاری نهال‌ها با سامانهٔ قطره‌ای و از پساب تصفیه‌شده انجام می‌شود و نگهداری آن‌ها تا سه سال بر عهدهٔ شهرداری است.',
    ],
    hoursAgo: 9,
    featured: true,
    photos: [
      {
        palette: ['#d6ecf7', '#7fae6b', '#2f6d3a'],
        scene: 'park',
        caption: 'کاشت نهال در حاشیهٔ دریاچهٔ چیتگر با حضور خانواده‌ها',
        alt: 'ردیف نهال‌های تازه‌کاشته در چمن‌زار کنار دریاچه',
      },
      {
        palette: ['#e3f1f8', '#5d9bb3', '#1d4f66'],
        scene: 'lake',
        caption: 'نمای دریاچهٔ چیتگر از کمربند سبز شمالی',
        alt: 'سطح آرام دریاچه و درختان ساحل در پس‌زمینه',
      },
    ],
    comments: [
      { name: 'رضا کریمی', text: 'کار خوبی است. لطفاً برای آبیاری تابستان هم برنامه داشته باشید.' },
      { name: 'سارا', text: 'ما هم با بچه‌ها آمده بودیم. کاش این طرح هر فصل تکرار شود.' },
    ],
  },
  {
    writer: 'pr.editor',
    unit: 'R21-D1',
    neighbourhood: 'R21-N05',
    kind: 'news',
    serviceAreas: ['streets', 'civil_works'],
    overline: 'بهسازی معابر',
    headline: 'روکش آسفالت ۱۴ هزار متر مربع از معابر تهرانسر مرکزی به پایان رسید',
    lead: 'عملیات لکه‌گیری و روکش آسفالت خیابان‌های اصلی و کوچه‌های تهرانسر مرکزی با ۱۴ هزار متر مربع آسفالت تا پایان آبان انجام شد.',
    paragraphs: [
      'به گفتهٔ شهرداری ناحیه ۱، کار در ساعت‌های شب انجام شد تا رفت‌وآمد ساکنان کمتر مختل شود. پیش از روکش، دریچه‌های تأسیسات شهری هم‌سطح شدند.',
      'شهروندان می‌توانند گزارش خرابی معابر را از طریق سامانهٔ ۱۳۷ ثبت کنند؛ گزارش‌ها در برنامهٔ هفتگی بهسازی معابر ناحیه بررسی می‌شود.',
    ],
    hoursAgo: 20,
    photos: [
      {
        palette: ['#eaf2f5', '#6f7a80', '#f2b705'],
        scene: 'street',
        caption: 'خیابان اصلی تهرانسر مرکزی پس از روکش آسفالت',
        alt: 'خیابان تازه‌آسفالت‌شده با خط‌کشی زرد و ساختمان‌های مسکونی',
      },
    ],
  },
  {
    writer: 'pr.editor',
    unit: 'region',
    kind: 'notice',
    serviceAreas: ['transport'],
    overline: 'اطلاعیه',
    headline: 'محدودیت ترافیکی بزرگراه لشگری در روزهای جمعهٔ آذر',
    lead: 'به دلیل اجرای عملیات تعمیر پل عابر پیاده، یک خط از مسیر غرب به شرق بزرگراه لشگری در جمعه‌های آذر از ساعت ۶ تا ۱۴ بسته است.',
    paragraphs: [
      'رانندگان می‌توانند از مسیر جایگزین بزرگراه آزادگان استفاده کنند. تابلوهای راهنما پیش از محدوده نصب شده است.',
      'شهرداری منطقه ۲۱ از شکیبایی شهروندان سپاسگزار است.',
    ],
    hoursAgo: 30,
  },
  {
    writer: 'pr.editor',
    unit: 'R21-D2',
    neighbourhood: 'R21-N13',
    kind: 'news',
    serviceAreas: ['waste'],
    overline: 'محیط زیست',
    headline: 'ایستگاه بازیافت تازه در شهرک شهرداری راه‌اندازی شد',
    lead: 'شهروندان شهرک شهرداری از این هفته می‌توانند پسماند خشک را در ایستگاه بازیافت میدان اصلی شهرک تحویل دهند.',
    paragraphs: [
      'این ایستگاه همه‌روزه از ساعت ۸ تا ۲۰ باز است و در برابر پسماند خشک تفکیک‌شده، امتیاز خرید کالا به شهروندان داده می‌شود.',
      'شهرداری ناحیه ۲ اعلام کرد ایستگاه مشابهی تا پایان سال در شهرک غزالی هم راه‌اندازی می‌شود.',
    ],
    hoursAgo: 46,
    comments: [{ name: 'حمید', text: 'آیا کارتن و شیشه را هم تحویل می‌گیرند؟', reply: 'بله؛ کاغذ، کارتن، شیشه، فلز و پلاستیک تحویل گرفته می‌شود.' }],
  },
  {
    writer: 'reporter.d3',
    unit: 'R21-D3',
    neighbourhood: 'R21-N16',
    kind: 'news',
    serviceAreas: ['safety'],
    overline: 'مدیریت بحران',
    headline: 'مانور زلزله و ایمنی در مدرسه‌های وردآورد برگزار شد',
    lead: 'همزمان با هفتهٔ ایمنی، مانور زلزله با حضور ۲ هزار دانش‌آموز در مدرسه‌های وردآورد و با همکاری شهرداری ناحیه ۳ اجرا شد.',
    paragraphs: [
      'در این مانور، تخلیهٔ اضطراری کلاس‌ها، کمک‌های اولیه و استفاده از کپسول آتش‌نشانی آموزش داده شد.',
      'پایگاه مدیریت بحران ناحیه ۳ آمادگی دارد برای مدرسه‌ها و مجتمع‌های مسکونی محله‌ها کارگاه آموزشی برگزار کند.',
    ],
    hoursAgo: 70,
  },
  {
    writer: 'pr.editor',
    unit: 'region',
    kind: 'interview',
    serviceAreas: ['urban_planning'],
    overline: 'گفت‌وگو',
    headline: 'معاون شهرسازی منطقه ۲۱: پروانه‌های ساختمانی زیر ۱۰ روز صادر می‌شود',
    lead: 'معاون شهرسازی و معماری شهرداری منطقه ۲۱ در گفت‌وگو با روابط عمومی از کوتاه شدن زمان صدور پروانه‌های ساختمانی خبر داد.',
    paragraphs: [
      'او گفت با الکترونیکی شدن مراحل بررسی نقشه‌ها، میانگین زمان صدور پروانه از ۲۵ روز به کمتر از ۱۰ روز رسیده است.',
      'به گفتهٔ او، شهروندان می‌توانند وضعیت پرونده را برخط پیگیری کنند و نیازی به مراجعهٔ حضوری نیست.',
    ],
    hoursAgo: 96,
  },
  {
    writer: 'pr.editor',
    unit: 'R21-D1',
    neighbourhood: 'R21-N01',
    kind: 'news',
    serviceAreas: ['sport', 'culture_social'],
    overline: 'ورزش همگانی',
    headline: 'جشنوارهٔ ورزش خانوادگی در بوستان باشگاه نفت برگزار شد',
    lead: 'بیش از ۸۰۰ نفر از ساکنان باشگاه نفت و تهرانسر در جشنوارهٔ ورزش خانوادگی بوستان محله شرکت کردند.',
    paragraphs: [
      'پیاده‌روی خانوادگی، مسابقهٔ طناب‌کشی و ایستگاه‌های سنجش سلامت از بخش‌های این جشنواره بود.',
      'شهرداری ناحیه ۱ اعلام کرد جشنوارهٔ بعدی در بهار و در بوستان تهرانسر برگزار می‌شود.',
    ],
    hoursAgo: 130,
  },
  {
    writer: 'pr.editor',
    unit: 'R21-D2',
    neighbourhood: 'R21-N14',
    kind: 'news',
    serviceAreas: ['health'],
    overline: 'سلامت محله',
    headline: 'خانهٔ سلامت شهرک غزالی خدمات مشاورهٔ تغذیه را آغاز کرد',
    lead: 'خانهٔ سلامت شهرک غزالی از این ماه هر سه‌شنبه مشاورهٔ رایگان تغذیه برای سالمندان و کودکان ارائه می‌کند.',
    paragraphs: ['نوبت‌دهی حضوری و تلفنی انجام می‌شود و اولویت با سالمندان بالای ۶۵ سال است.'],
    hoursAgo: 200,
  },
  {
    writer: 'pr.editor',
    unit: 'region',
    kind: 'notice',
    serviceAreas: ['culture_social'],
    overline: 'اطلاعیه',
    headline: 'فراخوان ثبت‌نام داوطلبان شورایاری محله‌ها',
    lead: 'شهروندان علاقه‌مند به عضویت در شورایاری محله‌های منطقه ۲۱ می‌توانند تا پایان آذر در سرای محلهٔ خود ثبت‌نام کنند.',
    paragraphs: ['مدارک لازم: کارت ملی، گواهی سکونت در محله و یک قطعه عکس. ساعت کار سراهای محله ۸ تا ۱۸ است.'],
    hoursAgo: 260,
  },
];
