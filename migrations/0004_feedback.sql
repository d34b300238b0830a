CREATE TABLE "comment_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comment_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"comment_id" integer NOT NULL,
	"visitor_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"news_id" integer NOT NULL,
	"author_name" text NOT NULL,
	"contact" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"redacted_body" text,
	"reply_body" text,
	"reply_by" integer,
	"report_count" integer DEFAULT 0 NOT NULL,
	"ip_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"moderated_at" timestamp with time zone,
	"moderated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "comments_status_ck" CHECK ("comments"."status" in ('pending', 'approved', 'rejected', 'spam')),
	CONSTRAINT "comments_author_name_len_ck" CHECK (char_length("comments"."author_name") between 1 and 80),
	CONSTRAINT "comments_contact_len_ck" CHECK ("comments"."contact" is null or char_length("comments"."contact") <= 120),
	CONSTRAINT "comments_body_len_ck" CHECK (char_length("comments"."body") between 1 and 2000),
	CONSTRAINT "comments_rejected_reason_ck" CHECK ("comments"."status" <> 'rejected' or "comments"."reject_reason" is not null),
	CONSTRAINT "comments_version_ck" CHECK ("comments"."version" >= 1),
	CONSTRAINT "comments_report_count_ck" CHECK ("comments"."report_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "satisfaction_answers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "satisfaction_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"news_id" integer,
	"org_unit_id" integer,
	"service_area" text,
	"kind" text NOT NULL,
	"value" integer NOT NULL,
	"text" text,
	"visitor_key" text NOT NULL,
	"answered_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "satisfaction_answers_once_uq" UNIQUE NULLS NOT DISTINCT("kind","news_id","visitor_key","answered_on"),
	CONSTRAINT "satisfaction_answers_kind_ck" CHECK ("satisfaction_answers"."kind" in ('helpful', 'service_rating')),
	CONSTRAINT "satisfaction_answers_value_ck" CHECK (("satisfaction_answers"."kind" = 'helpful' and "satisfaction_answers"."value" in (0, 1)) or ("satisfaction_answers"."kind" = 'service_rating' and "satisfaction_answers"."value" between 1 and 5)),
	CONSTRAINT "satisfaction_answers_text_len_ck" CHECK ("satisfaction_answers"."text" is null or char_length("satisfaction_answers"."text") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "comment_reports" ADD CONSTRAINT "comment_reports_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_reply_by_users_id_fk" FOREIGN KEY ("reply_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_answers" ADD CONSTRAINT "satisfaction_answers_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_answers" ADD CONSTRAINT "satisfaction_answers_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "comment_reports_once_uq" ON "comment_reports" USING btree ("comment_id","visitor_key");--> statement-breakpoint
CREATE INDEX "comments_news_status_idx" ON "comments" USING btree ("news_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "comments_status_created_idx" ON "comments" USING btree ("status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "comments_ip_created_idx" ON "comments" USING btree ("ip_hash","created_at");--> statement-breakpoint
CREATE INDEX "satisfaction_answers_news_idx" ON "satisfaction_answers" USING btree ("news_id");