import { z } from 'zod';
import {
  DEFAULT_REACTION_SET,
  Limits,
  PreModeration,
  REACTION_TYPES,
  type ReactionType,
} from '../constants.js';
import { Timestamp } from './common.js';
import { ModerationSettings, moderationSettingsPatch } from './moderation-settings.js';
import { NotificationDefaults } from './notifications.js';

const ReactionName = z.enum(REACTION_TYPES as [ReactionType, ...ReactionType[]]);

export const SiteSettings = z
  .object({
    allow_guests: z.boolean().default(false),
    edit_window_seconds: z.number().int().min(0).max(31_536_000).default(Limits.editWindowDefaultSeconds),
    max_depth: z.number().int().min(1).max(Limits.maxDepthMax).default(Limits.maxDepthDefault),
    reaction_set: z
      .array(ReactionName)
      .min(1)
      .max(12)
      .refine((a) => new Set(a).size === a.length, 'reactions must be unique')
      .default([...DEFAULT_REACTION_SET]),
    pre_moderation: z.enum(PreModeration).default('none'),
    pre_moderation_count: z.number().int().min(0).max(1000).default(0),
    comment_max_length: z.number().int().min(1).max(Limits.commentTextMax).default(Limits.commentTextMax),
    ...ModerationSettings,
    /** Notification preferences a user starts with (each user can change theirs). */
    notification_defaults: NotificationDefaults.default({}),
  })
  .meta({ id: 'SiteSettings' });

const setting = SiteSettings.shape;
/**
 * Partial settings for updates: only given keys change. Built from the unwrapped fields because
 * zod 4 still applies a `.default()` under `.partial()`, which would reset omitted keys.
 */
export const SiteSettingsPatch = z.object({
  allow_guests: setting.allow_guests.unwrap().optional(),
  edit_window_seconds: setting.edit_window_seconds.unwrap().optional(),
  max_depth: setting.max_depth.unwrap().optional(),
  reaction_set: setting.reaction_set.unwrap().optional(),
  pre_moderation: setting.pre_moderation.unwrap().optional(),
  pre_moderation_count: setting.pre_moderation_count.unwrap().optional(),
  comment_max_length: setting.comment_max_length.unwrap().optional(),
  ...moderationSettingsPatch(setting),
  notification_defaults: NotificationDefaults.optional(),
});

const Origin = z
  .string()
  .max(300)
  .regex(/^(https?:\/\/[^/\s]+|\*)$/, 'an origin is scheme://host[:port] with no path, or *');

export const CreateSiteBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    origins: z.array(Origin).max(50).default([]),
    settings: SiteSettingsPatch.default({}),
  })
  .meta({ id: 'CreateSiteBody' });

export const UpdateSiteBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    origins: z.array(Origin).max(50).optional(),
    settings: SiteSettingsPatch.optional(),
  })
  .meta({ id: 'UpdateSiteBody' });

export const Site = z
  .object({
    id: z.string(),
    name: z.string(),
    origins: z.array(z.string()),
    settings: SiteSettings,
    created_at: Timestamp,
  })
  .meta({ id: 'Site' });

export const SiteWithSecret = Site.extend({ secret: z.string() }).meta({ id: 'SiteWithSecret' });

/** What any client may read about a site: enough to render elements correctly. */
export const PublicSiteConfig = z
  .object({
    id: z.string(),
    name: z.string(),
    allow_guests: z.boolean(),
    edit_window_seconds: z.number().int(),
    max_depth: z.number().int(),
    reaction_set: z.array(z.string()),
    comment_max_length: z.number().int(),
  })
  .meta({ id: 'PublicSiteConfig' });
