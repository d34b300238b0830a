-- Full-text search (docs/adr/0003-search.md). Hand-written part first: the function the
-- generated column calls must exist before the column.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.shahrnama_fa (COPY = pg_catalog.simple);--> statement-breakpoint
-- The Persian stop words, folded; the same list as SEARCH_STOP_WORDS in newsroom.search.ts (a test compares them).
CREATE FUNCTION public.shahrnama_search_stop_words() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['و', 'در', 'به', 'از', 'که', 'این', 'ان', 'را', 'با', 'برای', 'تا', 'بر', 'هم', 'یا', 'نیز', 'اما', 'اگر', 'هر', 'چه', 'چون', 'پس', 'نه', 'است', 'هست', 'نیست', 'بود', 'شد', 'شده', 'شود', 'میشود', 'کرد', 'کرده', 'کند', 'میکند', 'باشد', 'دارد', 'خود', 'یک', 'وی', 'او', 'ها', 'های', 'هایی', 'ای', 'ام', 'ات', 'اش', 'اند', 'ترین']::text[] $$;--> statement-breakpoint
-- The vector of an item from its app-folded title (weight A) and search text (weight B).
-- Punctuation that the parser would glue into one token (1403/05/01, covid-19, 2.5, a@b)
-- becomes a space, so the words inside are found one by one, as the query splits them.
CREATE FUNCTION public.shahrnama_search_vector(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT ts_delete(
    setweight(to_tsvector('public.shahrnama_fa'::regconfig, translate(coalesce(title, ''), './-@:_+~#&=?%,،؛؟«»()[]{}!"''*', '                                 ')), 'A')
    || setweight(to_tsvector('public.shahrnama_fa'::regconfig, translate(coalesce(body, ''), './-@:_+~#&=?%,،؛؟«»()[]{}!"''*', '                                 ')), 'B'),
    public.shahrnama_search_stop_words()
  )
$$;--> statement-breakpoint
ALTER TABLE "news_items" ADD COLUMN "search_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Rows written before this migration: the title's key in SQL, close to fold() (letters
-- unified, digits ASCII, half-spaces and marks out); the service rewrites it exactly on the
-- next save. Their body (search_text) is already folded, so every row is indexed now.
UPDATE "news_items" SET "search_title" = btrim(regexp_replace(regexp_replace(
  lower(translate(coalesce("overline", '') || ' ' || "headline",
    'يىكھۀةآأإٱ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩‌',
    'ییکههها'||'ااا'||'012345678901234567890123456789 ')),
  '[\u064B-\u065F\u0670\u0640]', '', 'g'), '\s+', ' ', 'g'));--> statement-breakpoint
ALTER TABLE "news_items" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (shahrnama_search_vector(search_title, search_text)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "news_items_search_vector_idx" ON "news_items" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "news_items_search_title_trgm_idx" ON "news_items" USING gin ("search_title" gin_trgm_ops);