-- Keep the search vector in the row (docs/adr/0003-search.md, "Vector storage").
-- With the default storage (EXTENDED) a row of ~2.5 KB has its vector moved to the TOAST
-- table, so the published-index walk of a frequent word paid a TOAST index lookup per row
-- (~4 buffers a row). MAIN keeps it inline and lets PostgreSQL move the body and the
-- search text out of line first; a vector is moved out only when nothing else is left.
ALTER TABLE "news_items" ALTER COLUMN "search_vector" SET STORAGE MAIN;--> statement-breakpoint
-- Rows written before: an update recomputes the generated vector, stored the new way.
UPDATE "news_items" SET "search_title" = "search_title";
