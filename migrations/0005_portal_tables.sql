CREATE TABLE "news_daily_reads" (
	"news_id" integer NOT NULL,
	"day" date NOT NULL,
	"reads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "news_daily_reads_news_id_day_pk" PRIMARY KEY("news_id","day"),
	CONSTRAINT "news_daily_reads_reads_ck" CHECK ("news_daily_reads"."reads" >= 0)
);
--> statement-breakpoint
CREATE TABLE "news_slug_history" (
	"slug" text PRIMARY KEY NOT NULL,
	"news_id" integer NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "news_items" ADD COLUMN "featured_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "news_daily_reads" ADD CONSTRAINT "news_daily_reads_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_slug_history" ADD CONSTRAINT "news_slug_history_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_daily_reads_day_idx" ON "news_daily_reads" USING btree ("day");--> statement-breakpoint
CREATE INDEX "news_slug_history_news_idx" ON "news_slug_history" USING btree ("news_id");--> statement-breakpoint
CREATE INDEX "news_items_featured_idx" ON "news_items" USING btree ("featured_at" DESC NULLS LAST) WHERE "news_items"."featured_at" is not null;