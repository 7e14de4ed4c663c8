import { z } from 'zod';

const Day = z.iso.date('日期格式应为 YYYY-MM-DD 且为有效日期');

export const CREDENTIAL_KIND_VALUES = [
  'skill_cert',
  'training_completion',
  'digital_engineer',
  'professional_title',
  'competition_award',
  'designation',
] as const;

export const CredentialInput = z.object({
  kind: z.enum(CREDENTIAL_KIND_VALUES),
  number: z.string().trim().min(1, '请填写证书编号').max(64),
  issuerName: z.string().trim().max(200).optional(),
  occupationCode: z.string().trim().max(20).nullable().optional(),
  levelCode: z.string().max(40).nullable().optional(),
  field: z.string().max(100).nullable().optional(),
  digital: z.boolean().optional(),
  issuedOn: Day,
  expiresOn: Day.nullable().optional(),
  evidence: z.string().max(500).nullable().optional(),
  note: z.string().max(500).nullable().optional(),
});

export const IssueByIdNumber = CredentialInput.extend({
  idNumber: z.string().min(15).max(30),
  name: z.string().trim().min(2).max(30),
});

export const CorrectCredential = CredentialInput.omit({ kind: true })
  .partial()
  .extend({ note: z.string().trim().min(2, '请说明更正原因').max(500) });

export const RevokeCredential = z.object({
  revokedOn: Day,
  reason: z.string().trim().min(2, '请说明撤销原因').max(500),
});

export const Credential = z.object({
  credentialId: z.string(),
  versionId: z.number(),
  personId: z.string(),
  kind: z.string(),
  number: z.string(),
  issuerName: z.string(),
  issuerOrgId: z.string().nullable(),
  occupationCode: z.string().nullable(),
  occupationName: z.string().nullable(),
  levelCode: z.string().nullable(),
  levelName: z.string().nullable(),
  field: z.string().nullable(),
  digital: z.boolean(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  revokedOn: z.string().nullable(),
  revokeReason: z.string().nullable(),
  evidence: z.string().nullable(),
  /** valid | revoked | expired | not_yet (issued after the as-of day) */
  status: z.string(),
  recordedAt: z.string(),
  supersededAt: z.string().nullable(),
  note: z.string().nullable(),
  /** On issue: false when the same certificate (kind, issuer, number) was already recorded. */
  created: z.boolean().optional(),
  /** On issue by ID number: whether the person was new to the registry. */
  personCreated: z.boolean().optional(),
});

export const Contribution = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  occurredOn: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
});

export const ContributionInput = z.object({
  kind: z.enum(['innovation', 'process', 'transfer', 'patent', 'mentoring']),
  title: z.string().trim().min(2).max(200),
  description: z.string().max(2000).optional(),
  occurredOn: Day,
});

export const Categories = z.object({
  t1: z.boolean(),
  t2: z.boolean(),
  t3: z.boolean(),
  t4: z.boolean(),
  composite: z.boolean(),
  highSkill: z.boolean(),
});

export const Profile = z.object({
  personId: z.string(),
  asOf: z.string(),
  knownAt: z.string(),
  categories: Categories,
  levels: z.array(
    z.object({
      occupationCode: z.string(),
      occupationName: z.string().nullable(),
      levelCode: z.string(),
      levelName: z.string().nullable(),
    }),
  ),
  credentials: z.array(Credential),
  history: z.array(Credential),
  contributions: z.array(Contribution),
});

export const AsOfQuery = z.object({ asOf: Day.optional(), knownAt: z.iso.datetime({ offset: true }).optional() });

export const PersonSearch = z.object({
  cityCode: z.string().max(6).optional(),
  q: z.string().max(30).optional(),
  tier: z.enum(['FRONTLINE', 'BACKBONE', 'MANAGER']).optional(),
  orgId: z.string().uuid().optional(),
  chain: z.string().max(20).optional(),
  occupation: z.string().max(20).optional(),
  level: z.string().max(40).optional(),
  category: z.enum(['t1', 't2', 't3', 't4', 'composite']).optional(),
  sort: z.enum(['name', 'birthDate', 'city']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

export const AddEmployee = z.object({
  idNumber: z.string().min(15).max(30),
  name: z.string().trim().min(2).max(30),
  phone: z.string().max(20).nullable().optional(),
  education: z.string().max(30).nullable().optional(),
  tier: z.enum(['FRONTLINE', 'BACKBONE', 'MANAGER']).nullable().optional(),
  post: z.string().trim().min(1).max(100),
  isDigitalPost: z.boolean(),
  occupationCode: z.string().max(20).nullable().optional(),
  fromDate: Day,
});

export const CategoryCounts = z.object({
  cityCode: z.string(),
  t1: z.number(),
  t2: z.number(),
  t3: z.number(),
  t4: z.number(),
  composite: z.number(),
});
