CREATE TABLE "media_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"caption" text,
	"alt" text,
	"credit" text,
	"taken_at" timestamp with time zone,
	"camera_make" text,
	"camera_model" text,
	"master_key" text NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "media_assets_sha_ck" CHECK ("media_assets"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "media_assets_dims_ck" CHECK ("media_assets"."width" > 0 and "media_assets"."height" > 0 and "media_assets"."bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "media_attachments" (
	"owner_kind" text NOT NULL,
	"owner_id" integer NOT NULL,
	"asset_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"is_lead" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_attachments_pk" PRIMARY KEY("owner_kind","owner_id","asset_id"),
	CONSTRAINT "media_attachments_kind_ck" CHECK ("media_attachments"."owner_kind" ~ '^[a-z][a-z_]{0,31}$'),
	CONSTRAINT "media_attachments_position_ck" CHECK ("media_attachments"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "media_renditions" (
	"asset_id" uuid NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"format" text NOT NULL,
	"storage_key" text NOT NULL,
	"bytes" integer NOT NULL,
	CONSTRAINT "media_renditions_pk" PRIMARY KEY("asset_id","width","format"),
	CONSTRAINT "media_renditions_dims_ck" CHECK ("media_renditions"."width" > 0 and "media_renditions"."height" > 0 and "media_renditions"."bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_attachments" ADD CONSTRAINT "media_attachments_asset_id_media_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."media_assets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_renditions" ADD CONSTRAINT "media_renditions_asset_id_media_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."media_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_assets_uploader_sha_idx" ON "media_assets" USING btree ("uploaded_by","sha256");--> statement-breakpoint
CREATE INDEX "media_assets_created_idx" ON "media_assets" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "media_attachments_one_lead_uq" ON "media_attachments" USING btree ("owner_kind","owner_id") WHERE "media_attachments"."is_lead";--> statement-breakpoint
CREATE INDEX "media_attachments_asset_idx" ON "media_attachments" USING btree ("asset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_renditions_key_uq" ON "media_renditions" USING btree ("storage_key");