import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * Reference data seeded from the verified tables in ./data (copied from shared/reference,
 * sources in data/FACTS.md). The province admin edits them in the product afterwards.
 */
export interface SeedItem {
  kind: string;
  code: string;
  name: string;
  attrs: Record<string, unknown>;
}

export const REFERENCE_KINDS = [
  'city',
  'skill_level',
  'occupation',
  'industry_chain',
  'digital_domain',
  'worker_tier',
  'skill',
  'designation_type',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

function csv(dir: URL, file: string): Record<string, string>[] {
  return parse(readFileSync(new URL(file, dir), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

const OCC_CODE = /\d-\d{2}-\d{2}-\d{2}/g;

export function loadSeedItems(dir = new URL('./data/', import.meta.url)): SeedItem[] {
  const items: SeedItem[] = [];
  for (const r of csv(dir, 'cities.csv')) {
    items.push({
      kind: 'city',
      code: r.code!,
      name: r.name!,
      attrs: {
        shortName: r.short_name,
        pinyin: r.pinyin,
        status: r.status,
        successorCode: r.successor_code || null,
        pilotFlags: [],
      },
    });
  }
  for (const r of csv(dir, 'skill-levels.csv')) {
    items.push({
      kind: 'skill_level',
      code: r.key!,
      name: r.name!,
      attrs: {
        ladder: r.ladder,
        ordinal: Number(r.ordinal),
        nationalLevel: r.national_level,
        highSkill: r.high_skill === 'yes',
      },
    });
  }
  for (const r of csv(dir, 'occupations.csv')) {
    const former = [...(r.former_code ?? '').matchAll(OCC_CODE)].map((m) => m[0]).filter((c) => c !== r.code);
    items.push({
      kind: 'occupation',
      code: r.code!,
      name: r.name!,
      attrs: {
        digital: r.digital === 'S',
        green: r.green === 'L',
        minorGroup: r.minor_group,
        formerCodes: former,
        addedAfter2022: r.added_after_2022_edition === 'yes',
        namedInPolicy: r.named_in_policy === 'yes',
      },
    });
  }
  for (const r of csv(dir, 'industry-chains.csv')) {
    items.push({ kind: 'industry_chain', code: r.code!, name: r.name!, attrs: { status: r.status } });
  }
  const domains = [
    '人工智能',
    '物联网',
    '大数据',
    '云计算',
    '数字化管理',
    '智能制造',
    '工业互联网',
    '虚拟现实',
    '区块链',
    '集成电路',
  ];
  domains.forEach((name, i) =>
    items.push({ kind: 'digital_domain', code: 'DD' + String(i + 1).padStart(2, '0'), name, attrs: {} }),
  );
  const tiers: [string, string, string][] = [
    ['FRONTLINE', '一线操作人员', 'F'],
    ['BACKBONE', '技术骨干', 'B'],
    ['MANAGER', '管理人才', 'M'],
  ];
  for (const [code, name, letter] of tiers) items.push({ kind: 'worker_tier', code, name, attrs: { letter } });
  for (const r of csv(dir, 'skills.csv')) {
    items.push({
      kind: 'skill',
      code: r.code!,
      name: r.name!,
      attrs: {
        domain: r.domain,
        tiers: (r.tiers ?? '').split('|').filter(Boolean),
        occupations: (r.occupations ?? '').split('|').filter(Boolean),
      },
    });
  }
  // Designations (人才称号): the admin adds more; LEADER is the plan's 高技能领军人才 (T2).
  const designations: [string, string][] = [
    ['LEADER', '高技能领军人才'],
    ['QILU_CRAFTSMAN', '齐鲁工匠'],
    ['MODEL_WORKER', '劳动模范'],
  ];
  for (const [code, name] of designations) items.push({ kind: 'designation_type', code, name, attrs: {} });
  return items;
}
