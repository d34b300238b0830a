CREATE TABLE "news_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "news_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"overline" text,
	"headline" text NOT NULL,
	"lead" text,
	"body_html" text DEFAULT '' NOT NULL,
	"source_line" text,
	"org_unit_id" integer NOT NULL,
	"neighbourhood_id" integer,
	"department_id" integer,
	"service_areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"occurred_at" timestamp with time zone,
	"slug" text,
	"author_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"last_submitted_at" timestamp with time zone,
	"first_approved_at" timestamp with time zone,
	"first_published_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"scheduled_for" timestamp with time zone,
	"embargo_until" timestamp with time zone,
	"correction_note" text,
	"corrected_at" timestamp with time zone,
	"kill_reason" text,
	"spiked_from_state" text,
	"search_text" text DEFAULT '' NOT NULL,
	CONSTRAINT "news_items_version_ck" CHECK ("news_items"."version" >= 1),
	CONSTRAINT "news_items_state_ck" CHECK ("news_items"."state" in ('draft', 'submitted', 'changes_requested', 'approved', 'scheduled', 'published', 'unpublished', 'killed', 'spiked')),
	CONSTRAINT "news_items_kind_ck" CHECK ("news_items"."kind" in ('news', 'photo_news', 'notice', 'interview')),
	CONSTRAINT "news_items_service_areas_ck" CHECK ("news_items"."service_areas" <@ array['waste', 'streets', 'green_space', 'transport', 'civil_works', 'urban_planning', 'culture_social', 'safety', 'health', 'sport']::text[]),
	CONSTRAINT "news_items_schedule_ck" CHECK ("news_items"."scheduled_for" is null or "news_items"."embargo_until" is null),
	CONSTRAINT "news_items_killed_reason_ck" CHECK ("news_items"."state" <> 'killed' or "news_items"."kill_reason" is not null),
	CONSTRAINT "news_items_spiked_from_ck" CHECK (("news_items"."state" = 'spiked') = ("news_items"."spiked_from_state" is not null)),
	CONSTRAINT "news_items_published_slug_ck" CHECK ("news_items"."state" <> 'published' or "news_items"."slug" is not null)
);
--> statement-breakpoint
CREATE TABLE "news_notes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "news_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"news_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"body" text NOT NULL,
	"mentions" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "news_notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"news_id" integer NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "news_notifications_kind_ck" CHECK ("news_notifications"."kind" in ('mention', 'changes_requested', 'published'))
);
--> statement-breakpoint
CREATE TABLE "news_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "news_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"news_id" integer NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"reason" text NOT NULL,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_revisions_reason_ck" CHECK ("news_revisions"."reason" in ('save', 'submit', 'approve', 'publish', 'restore', 'correction'))
);
--> statement-breakpoint
CREATE TABLE "news_transitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "news_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"news_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_id" integer,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	CONSTRAINT "news_transitions_action_ck" CHECK ("news_transitions"."action" in ('submit', 'request_changes', 'approve', 'publish', 'schedule', 'embargo', 'unschedule', 'unpublish', 'republish', 'correct', 'kill', 'spike', 'restore'))
);
--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_neighbourhood_id_org_units_id_fk" FOREIGN KEY ("neighbourhood_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_notes" ADD CONSTRAINT "news_notes_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_notes" ADD CONSTRAINT "news_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_notifications" ADD CONSTRAINT "news_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_notifications" ADD CONSTRAINT "news_notifications_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_revisions" ADD CONSTRAINT "news_revisions_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_revisions" ADD CONSTRAINT "news_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_transitions" ADD CONSTRAINT "news_transitions_news_id_news_items_id_fk" FOREIGN KEY ("news_id") REFERENCES "public"."news_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_transitions" ADD CONSTRAINT "news_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "news_items_slug_uq" ON "news_items" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "news_items_state_submitted_idx" ON "news_items" USING btree ("state","last_submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "news_items_author_updated_idx" ON "news_items" USING btree ("author_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "news_items_org_unit_idx" ON "news_items" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "news_items_department_idx" ON "news_items" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "news_items_published_idx" ON "news_items" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "news_items"."state" = 'published';--> statement-breakpoint
CREATE INDEX "news_notes_news_idx" ON "news_notes" USING btree ("news_id","id");--> statement-breakpoint
CREATE INDEX "news_notifications_user_idx" ON "news_notifications" USING btree ("user_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "news_notifications_unread_idx" ON "news_notifications" USING btree ("user_id") WHERE "news_notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "news_revisions_news_number_uq" ON "news_revisions" USING btree ("news_id","number");--> statement-breakpoint
CREATE INDEX "news_transitions_news_idx" ON "news_transitions" USING btree ("news_id","at");