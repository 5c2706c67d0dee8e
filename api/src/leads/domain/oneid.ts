// OneID identity resolution (issue 5 item 4). The identity of a set of records is a pure
// function of that set plus the operator's manual merges and unmerges, so the answer never
// depends on arrival order: records become nodes, shared identifiers become weighted links, and
// links are applied strongest-first in one canonical order. Rules come from spec 003:
//  - §5.1 MATCH_RULES: mobile (priority 1, weight 1.0), email (2, 0.9), wework_unionid (3, 0.95),
//    name+company (4, 0.7). Links are applied by weight, then priority.
//  - FAQ Q2: a mobile seen with several distinct names is a shared number (company switchboard);
//    it then links records only together with the name.
//  - FAQ Q3: field conflicts: name → most recent, job title → WeWork wins, mobile → call centre
//    wins, company → human review. See mergeProfile.
//  - FAQ Q3 "企业名称 人工审核后合并" and the fuzzy nature of name+company: links below
//    autoMergeThreshold (default 0.9, so name+company) are suggestions for review, not merges.
// Spec 000 §四.3 deduplication_strategy limits which identifiers a scene's records link by.
// Junk identifiers (normalise.ts) never link anything.
import type { DeduplicationStrategy } from './lead.js';
import { companyMatchKey, emailJunkReason, emailMatchKey, nameJunkReason, normaliseName, phoneJunkReason } from './normalise.js';

export type IdentifierKind = 'mobile' | 'email' | 'unionid' | 'name_company';
export type LinkKind = IdentifierKind | 'manual';

export interface MatchRule {
  kind: IdentifierKind;
  priority: number;
  weight: number;
}

/** Spec 003 §5.1, verbatim priorities and weights. */
export const MATCH_RULES: readonly MatchRule[] = [
  { kind: 'mobile', priority: 1, weight: 1.0 },
  { kind: 'email', priority: 2, weight: 0.9 },
  { kind: 'unionid', priority: 3, weight: 0.95 },
  { kind: 'name_company', priority: 4, weight: 0.7 },
];

const STRATEGY_KINDS: Record<DeduplicationStrategy, readonly IdentifierKind[]> = {
  NO_CHECK: [],
  BY_PHONE: ['mobile'],
  BY_EMAIL: ['email'],
  BY_PHONE_OR_EMAIL: ['mobile', 'email'],
  ONEID: ['mobile', 'email', 'unionid', 'name_company'],
};

export function kindsForStrategy(s: DeduplicationStrategy | null): readonly IdentifierKind[] {
  return STRATEGY_KINDS[s ?? 'ONEID'];
}

/** One source record (a lead, a WeWork contact, a call-centre customer), already normalised. */
export interface IdentityRecord {
  record_id: string;
  /** Origin system, e.g. CALLCENTER, WEWORK, WEB_FORM; FAQ Q3 rules prefer some sources. */
  source: string;
  /** Last update, epoch ms. */
  at: number;
  /** The deduplication_strategy of the scene the record came through. */
  strategy: DeduplicationStrategy | null;
  mobile?: string | null;
  email?: string | null;
  unionid?: string | null;
  name?: string | null;
  company?: string | null;
  /** Other profile fields (job_title, region, ...) that mergeProfile reconciles. */
  attributes?: Record<string, string | number | boolean | null>;
}

export interface ManualLink {
  a: string;
  b: string;
  at: number;
  by: string;
}

/** Recorded by an unmerge: no identity may hold records of both sides again (until merged by hand). */
export interface Separation {
  side_a: string[];
  side_b: string[];
  at: number;
  by: string;
}

export interface OneIdOptions {
  rules?: readonly MatchRule[];
  /** Links weaker than this are suggestions. */
  autoMergeThreshold?: number;
  manualLinks?: readonly ManualLink[];
  separations?: readonly Separation[];
  /**
   * Mobiles already known to be shared (FAQ Q2 "标记为共享号码"). The caller keeps this flag per
   * number (e.g. a set of name hashes per mobile) because the records that made a number shared
   * are usually not among the candidates loaded for one new record.
   */
  sharedMobiles?: ReadonlySet<string>;
}

/** Why two records are one: the evidence the explain API returns. */
export interface IdentityLink {
  from: string;
  to: string;
  identifier: { kind: LinkKind; value: string };
  weight: number;
  priority: number;
  /** Source of the record that brought the evidence (the later of the two). */
  source: string;
  at: number;
}

export type RefusalReason = 'separated' | 'unique_identifier_conflict';

export interface IdentityCluster {
  /** Smallest record id of the members: deterministic, and survives when clusters merge into it. */
  identity_id: string;
  record_ids: string[];
}

export interface IdentityGraph {
  clusters: IdentityCluster[];
  clusterOf: Map<string, string>;
  links: IdentityLink[];
  suggestions: IdentityLink[];
  refused: (IdentityLink & { reason: RefusalReason })[];
  sharedNumbers: { mobile: string; names: string[] }[];
  junk: { record_id: string; kind: IdentifierKind; reason: string }[];
}

const nameKey = (n: string | null | undefined): string | null => {
  if (!n) return null;
  const v = normaliseName(n);
  return nameJunkReason(v) ? null : v.toLowerCase();
};

function unionidJunk(u: string): boolean {
  const t = u.trim().toLowerCase();
  return t === '' || t === '0' || t === 'null' || t === 'undefined' || /^(.)\1*$/.test(t);
}

interface Edge extends IdentityLink {
  key: string;
}

interface Keyed {
  record: IdentityRecord;
  keys: { kind: IdentifierKind; value: string }[];
}

/** Mobiles that FAQ Q2 calls shared: more than one distinct (non-placeholder) name across the set. */
export function detectSharedNumbers(records: readonly IdentityRecord[]): Map<string, string[]> {
  const names = new Map<string, Set<string>>();
  for (const r of records) {
    if (!r.mobile || phoneJunkReason(r.mobile)) continue;
    const n = nameKey(r.name);
    if (!n) continue;
    let s = names.get(r.mobile);
    if (!s) names.set(r.mobile, (s = new Set()));
    s.add(n);
  }
  const out = new Map<string, string[]>();
  for (const [m, s] of names) if (s.size > 1) out.set(m, [...s].sort());
  return out;
}

function keysOf(r: IdentityRecord, shared: Map<string, string[]>, junk: IdentityGraph['junk']): Keyed {
  const allowed = new Set(kindsForStrategy(r.strategy));
  const keys: Keyed['keys'] = [];
  const name = nameKey(r.name);
  if (r.mobile != null) {
    const j = phoneJunkReason(r.mobile);
    if (j) junk.push({ record_id: r.record_id, kind: 'mobile', reason: j });
    else if (allowed.has('mobile')) {
      if (!shared.has(r.mobile)) keys.push({ kind: 'mobile', value: r.mobile });
      else if (name) keys.push({ kind: 'mobile', value: `${r.mobile}|${name}` });
    }
  }
  if (r.email != null) {
    const j = r.email.includes('@') ? emailJunkReason(r.email) : 'invalid';
    if (j) junk.push({ record_id: r.record_id, kind: 'email', reason: j });
    else if (allowed.has('email')) keys.push({ kind: 'email', value: emailMatchKey(r.email) });
  }
  if (r.unionid != null) {
    if (unionidJunk(r.unionid)) junk.push({ record_id: r.record_id, kind: 'unionid', reason: 'placeholder' });
    else if (allowed.has('unionid')) keys.push({ kind: 'unionid', value: r.unionid.trim() });
  }
  if (allowed.has('name_company') && name && r.company) {
    const c = companyMatchKey(normaliseName(r.company));
    if (c) keys.push({ kind: 'name_company', value: `${name}|${c}` });
  }
  return { record: r, keys };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function dedupeRecords(records: readonly IdentityRecord[]): IdentityRecord[] {
  // Same record id twice: the later update wins (ties by content so the choice is order-free).
  const byId = new Map<string, IdentityRecord>();
  for (const r of records) {
    const prev = byId.get(r.record_id);
    if (!prev || r.at > prev.at || (r.at === prev.at && JSON.stringify(r) > JSON.stringify(prev))) byId.set(r.record_id, r);
  }
  return [...byId.values()].sort((a, b) => cmp(a.record_id, b.record_id));
}

class Components {
  private parent = new Map<string, string>();
  readonly members = new Map<string, Set<string>>();
  readonly unionids = new Map<string, Set<string>>();
  constructor(records: IdentityRecord[]) {
    for (const r of records) {
      this.parent.set(r.record_id, r.record_id);
      this.members.set(r.record_id, new Set([r.record_id]));
      const u = r.unionid && !unionidJunk(r.unionid) ? [r.unionid.trim()] : [];
      this.unionids.set(r.record_id, new Set(u));
    }
  }
  find(x: string): string {
    let root = x;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    while (x !== root) { const next = this.parent.get(x)!; this.parent.set(x, root); x = next; }
    return root;
  }
  /** Union by size (the smaller member set is copied); the identity id is min(member) regardless. */
  union(a: string, b: string): void {
    const [keep, drop] = this.members.get(a)!.size >= this.members.get(b)!.size ? [a, b] : [b, a];
    this.parent.set(drop, keep);
    for (const m of this.members.get(drop)!) this.members.get(keep)!.add(m);
    for (const u of this.unionids.get(drop)!) this.unionids.get(keep)!.add(u);
    this.members.delete(drop);
    this.unionids.delete(drop);
  }
}

function separated(a: Set<string>, b: Set<string>, seps: readonly Separation[]): boolean {
  const hits = (set: Set<string>, side: string[]) => side.some((id) => set.has(id));
  return seps.some((s) => (hits(a, s.side_a) && hits(b, s.side_b)) || (hits(a, s.side_b) && hits(b, s.side_a)));
}

/** The identity graph of a record set. Same set (any order) → same graph. */
export function buildIdentityGraph(input: readonly IdentityRecord[], opts: OneIdOptions = {}): IdentityGraph {
  const rules = opts.rules ?? MATCH_RULES;
  const threshold = opts.autoMergeThreshold ?? 0.9;
  const records = dedupeRecords(input);
  const byId = new Map(records.map((r) => [r.record_id, r]));
  const shared = detectSharedNumbers(records);
  for (const m of opts.sharedMobiles ?? []) if (!shared.has(m)) shared.set(m, []);
  const junk: IdentityGraph['junk'] = [];
  const keyed = records.map((r) => keysOf(r, shared, junk));

  const groups = new Map<string, { kind: IdentifierKind; value: string; ids: string[] }>();
  for (const k of keyed) for (const key of k.keys) {
    const g = `${key.kind}\u0000${key.value}`;
    let e = groups.get(g);
    if (!e) groups.set(g, (e = { ...key, ids: [] }));
    e.ids.push(k.record.record_id);
  }
  const edgeBetween = (a: IdentityRecord, b: IdentityRecord, kind: LinkKind, value: string, weight: number, priority: number): Edge => {
    const later = a.at > b.at || (a.at === b.at && a.record_id > b.record_id) ? a : b;
    return { from: a.record_id, to: b.record_id, identifier: { kind, value }, weight, priority, source: later.source, at: later.at, key: `${kind}\u0000${value}` };
  };
  interface Group { kind: LinkKind; value: string; weight: number; priority: number; key: string; ids: string[]; manual?: ManualLink }
  const all: Group[] = [];
  for (const g of groups.values()) {
    const rule = rules.find((r) => r.kind === g.kind);
    if (rule && g.ids.length >= 2) all.push({ kind: g.kind, value: g.value, weight: rule.weight, priority: rule.priority, key: `${g.kind}\u0000${g.value}`, ids: g.ids });
  }
  for (const m of opts.manualLinks ?? []) {
    if (byId.has(m.a) && byId.has(m.b) && m.a !== m.b) {
      const ids = [m.a, m.b].sort(cmp);
      all.push({ kind: 'manual', value: `by:${m.by}`, weight: 1, priority: 0, key: `manual\u0000${ids.join('\u0000')}\u0000${m.at}\u0000${m.by}`, ids, manual: m });
    }
  }
  all.sort((a, b) => b.weight - a.weight || a.priority - b.priority || cmp(a.key, b.key));

  const comps = new Components(records);
  const links: IdentityLink[] = [];
  const weak: Group[] = [];
  const refused: IdentityGraph['refused'] = [];
  const strip = ({ key: _key, ...link }: Edge): IdentityLink => link;
  const edgeOf = (g: Group, a: string, b: string): Edge => {
    const e = edgeBetween(byId.get(a)!, byId.get(b)!, g.kind, g.value, g.weight, g.priority);
    return g.manual ? { ...e, source: 'MANUAL', at: g.manual.at } : e;
  };
  for (const g of all) {
    if (g.weight < threshold) { weak.push(g); continue; }
    // Each member is tried against every component already holding this identifier, not only the
    // first member's: a refused link (conflict, separation) must not hide links to the others.
    let reps: string[] = [];
    for (const m of g.ids) {
      for (const rep of reps) {
        const e = edgeOf(g, rep, m);
        const ra = comps.find(rep);
        const rb = comps.find(m);
        if (ra === rb) { links.push(strip(e)); continue; }
        const ma = comps.members.get(ra)!;
        const mb = comps.members.get(rb)!;
        if (separated(ma, mb, opts.separations ?? [])) { refused.push({ ...strip(e), reason: 'separated' }); continue; }
        const ua = comps.unionids.get(ra)!;
        const ub = comps.unionids.get(rb)!;
        // A unionid is one WeChat person: two different ones mean two people whatever else they share.
        if (ua.size > 0 && ub.size > 0 && [...ub].some((u) => !ua.has(u))) { refused.push({ ...strip(e), reason: 'unique_identifier_conflict' }); continue; }
        comps.union(ra, rb);
        links.push(strip(e));
      }
      // One representative (its earliest member in this group) per distinct component.
      const byRoot = new Map<string, string>();
      for (const x of [...reps, m]) { const r = comps.find(x); if (!byRoot.has(r)) byRoot.set(r, x); }
      reps = [...byRoot.values()];
    }
  }
  const clusterOf = new Map<string, string>();
  const clusters = [...comps.members.values()]
    .map((m) => { const ids = [...m].sort(cmp); return { identity_id: ids[0]!, record_ids: ids }; })
    .sort((a, b) => cmp(a.identity_id, b.identity_id));
  for (const c of clusters) for (const r of c.record_ids) clusterOf.set(r, c.identity_id);
  const suggestions: IdentityLink[] = [];
  for (const g of weak) {
    const firstOf = new Map<string, string>();
    for (const id of g.ids) if (!firstOf.has(clusterOf.get(id)!)) firstOf.set(clusterOf.get(id)!, id);
    const [head, ...others] = [...firstOf.values()];
    for (const o of others) suggestions.push(strip(edgeOf(g, head!, o)));
  }
  const sharedNumbers = [...shared.entries()].map(([mobile, names]) => ({ mobile, names })).sort((a, b) => cmp(a.mobile, b.mobile));
  return { clusters, clusterOf, links, suggestions, refused, sharedNumbers, junk };
}

/** The chain of links joining two records (shortest, strongest first), or null if they are not one. */
export function explainLink(graph: IdentityGraph, a: string, b: string): IdentityLink[] | null {
  if (!graph.clusterOf.has(a) || graph.clusterOf.get(a) !== graph.clusterOf.get(b)) return null;
  if (a === b) return [];
  const adj = new Map<string, IdentityLink[]>();
  for (const l of graph.links) for (const end of [l.from, l.to]) {
    const list = adj.get(end);
    if (list) list.push(l);
    else adj.set(end, [l]);
  }
  const prev = new Map<string, IdentityLink | null>([[a, null]]);
  const queue = [a];
  while (queue.length) {
    const cur = queue.shift()!;
    if (cur === b) break;
    for (const l of adj.get(cur) ?? []) {
      const next = l.from === cur ? l.to : l.from;
      if (!prev.has(next)) { prev.set(next, l); queue.push(next); }
    }
  }
  const path: IdentityLink[] = [];
  for (let cur = b; cur !== a;) {
    const l = prev.get(cur);
    if (!l) return null;
    path.unshift(l);
    cur = l.from === cur ? l.to : l.from;
  }
  return path;
}

export type ResolveKind = 'new' | 'match' | 'merge' | 'conflict';

export interface ResolveDecision {
  kind: ResolveKind;
  identity_id: string;
  /** Identities (as they were before this record) that are now part of identity_id. */
  matched_identities: string[];
  /** The strongest evidence for the match: the spec 003 §5.1 rule that fired. */
  matched_by: { kind: LinkKind; weight: number } | null;
  links: IdentityLink[];
  suggestions: IdentityLink[];
  conflicts: (IdentityLink & { reason: RefusalReason })[];
  /** Earlier identities this record split (it revealed a shared number): the caller re-derives them. */
  split_identities: string[];
  shared_number: boolean;
}

/**
 * Where a new record belongs, given the candidate records the identity index found for its
 * identifiers: every record of each identity sharing an identifier with it, every record holding
 * its mobile, and opts.sharedMobiles. With those, the answer equals the whole-set graph's.
 */
export function resolveRecord(record: IdentityRecord, candidates: readonly IdentityRecord[], opts: OneIdOptions = {}): ResolveDecision {
  const existing = candidates.filter((c) => c.record_id !== record.record_id);
  const before = buildIdentityGraph(existing, opts);
  const after = buildIdentityGraph([...existing, record], opts);
  const id = after.clusterOf.get(record.record_id)!;
  const members = after.clusters.find((c) => c.identity_id === id)!.record_ids;
  const matched = [...new Set(members.filter((m) => m !== record.record_id).map((m) => before.clusterOf.get(m)!))].sort(cmp);
  const split = before.clusters
    .filter((c) => new Set(c.record_ids.map((r) => after.clusterOf.get(r))).size > 1)
    .map((c) => c.identity_id);
  const touches = (l: IdentityLink) => l.from === record.record_id || l.to === record.record_id;
  const links = after.links.filter(touches);
  const conflicts = after.refused.filter(touches);
  const strongest = links.slice().sort((a, b) => b.weight - a.weight || a.priority - b.priority)[0];
  const kind: ResolveKind = matched.length > 1 ? 'merge' : matched.length === 1 ? 'match' : conflicts.length > 0 ? 'conflict' : 'new';
  return {
    kind,
    identity_id: id,
    matched_identities: matched,
    matched_by: strongest ? { kind: strongest.identifier.kind, weight: strongest.weight } : null,
    links,
    suggestions: after.suggestions.filter(touches),
    conflicts,
    split_identities: split,
    shared_number: !!record.mobile && after.sharedNumbers.some((s) => s.mobile === record.mobile),
  };
}

// ---- FAQ Q3 field conflicts -------------------------------------------------------------

export type FieldRule =
  | { rule: 'latest' }
  | { rule: 'prefer_source'; sources: string[] }
  | { rule: 'manual' };

/** Spec 003 FAQ Q3: 姓名 latest, 职位 WeWork, 手机号 call centre, 企业名称 human review. Other fields: latest non-empty. */
export const DEFAULT_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  name: { rule: 'latest' },
  job_title: { rule: 'prefer_source', sources: ['WEWORK'] },
  mobile: { rule: 'prefer_source', sources: ['CALLCENTER', 'PHONE_CALL'] },
  company: { rule: 'manual' },
};

export interface MergedProfile {
  profile: Record<string, string | number | boolean>;
  provenance: Record<string, { record_id: string; source: string; at: number; rule: FieldRule['rule'] }>;
  /** Fields with disagreeing values under a 'manual' rule: the kept value is the oldest until a person decides. */
  reviews: { field: string; values: { value: string | number | boolean; record_id: string; source: string }[] }[];
}

function fieldsOf(r: IdentityRecord): Record<string, string | number | boolean | null | undefined> {
  return { name: r.name, mobile: r.mobile, email: r.email, company: r.company, wework_unionid: r.unionid, ...r.attributes };
}

/** The identity's profile from its records, each field chosen by its FAQ Q3 rule; empty never beats a value. */
export function mergeProfile(records: readonly IdentityRecord[], rules: Readonly<Record<string, FieldRule>> = DEFAULT_FIELD_RULES): MergedProfile {
  const rs = dedupeRecords(records);
  const newestFirst = (a: IdentityRecord, b: IdentityRecord) => b.at - a.at || cmp(b.record_id, a.record_id);
  const fields = new Set<string>();
  for (const r of rs) for (const [k, v] of Object.entries(fieldsOf(r))) if (v !== null && v !== undefined && v !== '') fields.add(k);
  const out: MergedProfile = { profile: {}, provenance: {}, reviews: [] };
  for (const f of [...fields].sort(cmp)) {
    const has = rs.filter((r) => { const v = fieldsOf(r)[f]; return v !== null && v !== undefined && v !== ''; });
    const rule = rules[f] ?? { rule: 'latest' };
    let pick: IdentityRecord;
    if (rule.rule === 'prefer_source') {
      const rank = (r: IdentityRecord) => { const i = rule.sources.indexOf(r.source); return i < 0 ? rule.sources.length : i; };
      pick = has.slice().sort((a, b) => rank(a) - rank(b) || newestFirst(a, b))[0]!;
    } else if (rule.rule === 'manual') {
      pick = has.slice().sort((a, b) => a.at - b.at || cmp(a.record_id, b.record_id))[0]!;
      const distinct = new Map<string, { value: string | number | boolean; record_id: string; source: string }>();
      for (const r of has.slice().sort((a, b) => a.at - b.at || cmp(a.record_id, b.record_id))) {
        const v = fieldsOf(r)[f]!;
        const k = typeof v === 'string' ? companyMatchKey(v) : String(v);
        if (!distinct.has(k)) distinct.set(k, { value: v, record_id: r.record_id, source: r.source });
      }
      if (distinct.size > 1) out.reviews.push({ field: f, values: [...distinct.values()] });
    } else pick = has.slice().sort(newestFirst)[0]!;
    out.profile[f] = fieldsOf(pick)[f]!;
    out.provenance[f] = { record_id: pick.record_id, source: pick.source, at: pick.at, rule: rule.rule };
  }
  return out;
}

// ---- manual merge / unmerge -----------------------------------------------------------------

export class IdentityOperationError extends Error {
  constructor(readonly code: 'UNKNOWN_IDENTITY' | 'SAME_IDENTITY' | 'MERGE_BLOCKED' | 'BAD_SIDES', message: string) {
    super(message);
    this.name = 'IdentityOperationError';
  }
}

export interface MergePreview {
  survivor_id: string;
  absorbed_id: string;
  record_ids: string[];
  profile: MergedProfile;
  /** Set when the merge cannot happen automatically: two different unionids. */
  blocked: RefusalReason | null;
}

function membersOf(graph: IdentityGraph, id: string): string[] {
  const c = graph.clusters.find((x) => x.identity_id === id);
  if (!c) throw new IdentityOperationError('UNKNOWN_IDENTITY', `identity ${id} is not in the record set`);
  return c.record_ids;
}

/** What merging two identities would produce, without changing anything. */
export function previewMerge(records: readonly IdentityRecord[], opts: OneIdOptions, a: string, b: string): MergePreview {
  const graph = buildIdentityGraph(records, opts);
  if (a === b) throw new IdentityOperationError('SAME_IDENTITY', 'an identity cannot be merged with itself');
  const ids = new Set([...membersOf(graph, a), ...membersOf(graph, b)]);
  const rs = records.filter((r) => ids.has(r.record_id));
  const unionids = new Set(rs.map((r) => r.unionid?.trim()).filter((u): u is string => !!u && !unionidJunk(u)));
  const [survivor, absorbed] = cmp(a, b) <= 0 ? [a, b] : [b, a];
  return { survivor_id: survivor, absorbed_id: absorbed, record_ids: [...ids].sort(cmp), profile: mergeProfile(rs), blocked: unionids.size > 1 ? 'unique_identifier_conflict' : null };
}

/** Options after a person merged identities a and b: a manual link, and any separation between them lifted. */
export function mergeIdentities(records: readonly IdentityRecord[], opts: OneIdOptions, a: string, b: string, by: string, at: number): OneIdOptions {
  const preview = previewMerge(records, opts, a, b);
  if (preview.blocked) throw new IdentityOperationError('MERGE_BLOCKED', `identities ${a} and ${b} hold different unionids`);
  const graph = buildIdentityGraph(records, opts);
  const sa = new Set(membersOf(graph, a));
  const sb = new Set(membersOf(graph, b));
  const spans = (s: Separation) => (s.side_a.some((x) => sa.has(x)) && s.side_b.some((x) => sb.has(x))) || (s.side_a.some((x) => sb.has(x)) && s.side_b.some((x) => sa.has(x)));
  return {
    ...opts,
    manualLinks: [...(opts.manualLinks ?? []), { a, b, at, by }],
    separations: (opts.separations ?? []).filter((s) => !spans(s)),
  };
}

/**
 * Options after a person split identity `id` into `sideA` and the rest: manual links across the
 * sides are dropped and a separation keeps automatic links from rejoining them. Each side then
 * clusters by its own links, so a manual merge followed by an unmerge restores both identities.
 */
export function unmergeIdentity(records: readonly IdentityRecord[], opts: OneIdOptions, id: string, sideA: readonly string[], by: string, at: number): OneIdOptions {
  const graph = buildIdentityGraph(records, opts);
  const members = membersOf(graph, id);
  const a = new Set(sideA);
  if (a.size === 0 || a.size >= members.length || [...a].some((x) => !members.includes(x))) {
    throw new IdentityOperationError('BAD_SIDES', 'side A must be a non-empty proper subset of the identity');
  }
  const sideB = members.filter((m) => !a.has(m));
  const bSet = new Set(sideB);
  const crosses = (l: ManualLink) => (a.has(l.a) && bSet.has(l.b)) || (a.has(l.b) && bSet.has(l.a));
  return {
    ...opts,
    manualLinks: (opts.manualLinks ?? []).filter((l) => !crosses(l)),
    separations: [...(opts.separations ?? []), { side_a: [...a].sort(cmp), side_b: sideB, at, by }],
  };
}
