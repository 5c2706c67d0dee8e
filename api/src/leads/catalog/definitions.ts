// Channel and tag definitions (spec 000 §四.4 ChannelDefinition, §四.5 TagDefinition): input
// validation and the next version of a definition. Pure; the store and the routes do the I/O.
import type { FieldError } from '../../errors.js';
import { CHANNEL_TYPES, type ChannelDefinition, type ChannelType } from '../domain/lead.js';

/**
 * The spec's four channel types are examples ("如"); call centres also need these, so they are
 * part of the enum: DIRECT (typed-in URL, walk-in), EMAIL, PAID_SOCIAL (Douyin/Xiaohongshu ads),
 * PARTNER, OTHER.
 */
export const ALL_CHANNEL_TYPES = [...CHANNEL_TYPES, 'PAID_SOCIAL', 'DIRECT', 'EMAIL', 'PARTNER', 'OTHER'] as const;
export type AnyChannelType = ChannelType | (typeof ALL_CHANNEL_TYPES)[number];

/** Client-chosen channel ids ('baidu') read well in rules and reports; the same shape as generated ones. */
export const CHANNEL_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

interface Versioned {
  tenant_id: string;
  created_at: number;
  updated_at: number;
  version: number;
}

export type Channel = Omit<ChannelDefinition, 'channel_type'> & Versioned & { channel_type: AnyChannelType | null };
export interface TagDefinition extends Versioned {
  tag_id: string;
  name: string;
  tag_group: string | null;
}

export interface ChannelInput {
  channel_id?: string;
  name?: string;
  channel_type?: string | null;
  is_active?: boolean;
}

export interface TagInput {
  name?: string;
  tag_group?: string | null;
}

const f = (field: string, rule: string, message: string): FieldError => ({ field: `body.${field}`, rule, message });

export function validateChannelInput(b: ChannelInput, mode: 'create' | 'update'): FieldError[] {
  const errors: FieldError[] = [];
  if (mode === 'create' && b.channel_id !== undefined && !CHANNEL_ID_RE.test(b.channel_id)) errors.push(f('channel_id', 'pattern', 'letters, digits and _ . : - (1..64), starting with a letter or digit'));
  if (mode === 'update' && b.channel_id !== undefined) errors.push(f('channel_id', 'readonly', 'channel_id cannot change'));
  if ((mode === 'create' || b.name !== undefined) && (typeof b.name !== 'string' || b.name.trim() === '')) errors.push(f('name', 'required', 'name is required'));
  if (b.channel_type != null && !(ALL_CHANNEL_TYPES as readonly string[]).includes(b.channel_type)) errors.push(f('channel_type', 'enum', `one of ${ALL_CHANNEL_TYPES.join(', ')}`));
  return errors;
}

/** Tag names are what auto_tagging_rules add and remove and what leads carry, so they follow the rule engine's shape. */
const TAG_NAME_RE = /^[^,\s][^,]{0,63}$/u;

export function validateTagInput(b: TagInput, mode: 'create' | 'update'): FieldError[] {
  const errors: FieldError[] = [];
  if (mode === 'create' || b.name !== undefined) {
    if (typeof b.name !== 'string' || b.name.trim() === '') errors.push(f('name', 'required', 'name is required'));
    else if (!TAG_NAME_RE.test(b.name.trim())) errors.push(f('name', 'pattern', 'a tag name of 1..64 characters without commas'));
  }
  if (b.tag_group != null && (typeof b.tag_group !== 'string' || b.tag_group.length > 64)) errors.push(f('tag_group', 'maxLength', 'at most 64 characters'));
  return errors;
}

export function applyChannelInput(prev: Channel | null, b: ChannelInput, ids: { tenant_id: string; channel_id: string }, now: number): Channel {
  return {
    tenant_id: ids.tenant_id,
    channel_id: ids.channel_id,
    name: (b.name ?? prev?.name ?? '').trim(),
    channel_type: (b.channel_type !== undefined ? b.channel_type : (prev?.channel_type ?? null)) as AnyChannelType | null,
    is_active: b.is_active ?? prev?.is_active ?? true,
    created_at: prev?.created_at ?? now,
    updated_at: now,
    version: (prev?.version ?? 0) + 1,
  };
}

export function applyTagInput(prev: TagDefinition | null, b: TagInput, ids: { tenant_id: string; tag_id: string }, now: number): TagDefinition {
  const group = b.tag_group !== undefined ? b.tag_group : (prev?.tag_group ?? null);
  return {
    tenant_id: ids.tenant_id,
    tag_id: ids.tag_id,
    name: (b.name ?? prev?.name ?? '').trim(),
    tag_group: group === null ? null : group.trim() || null,
    created_at: prev?.created_at ?? now,
    updated_at: now,
    version: (prev?.version ?? 0) + 1,
  };
}
