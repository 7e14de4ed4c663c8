import { z } from 'zod';

export const ORG_KIND_VALUES = [
  'enterprise',
  'college',
  'training',
  'evaluation',
  'service',
  'government',
  'host',
] as const;

export const Organisation = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  uscc: z.string(),
  cityCode: z.string(),
  cityName: z.string().nullable(),
  sizeClass: z.string().nullable(),
  industryChains: z.array(z.string()),
  pilotFlags: z.array(z.string()),
  status: z.string(),
  createdAt: z.string(),
});

const Password = z.string().min(1).max(200);
const Username = z
  .string()
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -');

export const AccountInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(64),
  password: Password,
});

export const RegisterOrganisation = z.object({
  kind: z.enum(['enterprise', 'college', 'training', 'evaluation', 'service', 'host']),
  name: z.string().trim().min(2).max(200),
  uscc: z.string().min(1).max(40),
  cityCode: z.string().regex(/^37\d{4}$/, '请选择山东省的城市'),
  sizeClass: z.enum(['large', 'medium', 'small', 'micro']).nullable().optional(),
  industryChains: z.array(z.string().max(20)).max(30).optional(),
  admin: AccountInput,
});

export const DecideOrganisation = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().max(500).optional(),
});

/** 先行先试 pilot flags on organisations (and cities): settings, extendable. */
export const PILOT_FLAGS = ['digital_transformation_city', 'guidance_zone', 'key_chain_cluster'] as const;

export const UpdateOrganisation = z.object({
  sizeClass: z.enum(['large', 'medium', 'small', 'micro']).nullable().optional(),
  industryChains: z.array(z.string().max(20)).max(30).optional(),
  pilotFlags: z.array(z.enum(PILOT_FLAGS)).max(10).optional(),
});

export const Invitation = z.object({ token: z.string(), expiresAt: z.string() });

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  /** Roles the system admin asked for, waiting for the security admin. */
  requestedRoles: z.array(z.string()),
  origin: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  cityCode: z.string().nullable(),
  status: z.string(),
  locked: z.boolean(),
  createdAt: z.string(),
});

/** Government staff accounts; organisation staff come through registration and invitations. */
export const CreateUser = AccountInput.extend({
  roles: z.array(z.enum(['province_admin', 'city_admin'])).length(1),
  orgId: z.string().uuid().nullable().optional(),
  cityCode: z.string().nullable().optional(),
});

export const AuditRow = z.object({
  id: z.number(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const ReferenceItem = z.object({
  kind: z.string(),
  code: z.string(),
  name: z.string(),
  attrs: z.record(z.string(), z.unknown()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  message: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const Person = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.string(),
  /** The year only: the masked number plus the full birth date would give the whole ID number back. */
  birthYear: z.number().int(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  education: z.string().nullable(),
  cityCode: z.string(),
  cityName: z.string().nullable(),
  tier: z.string().nullable(),
  employments: z.array(
    z.object({
      id: z.string(),
      orgId: z.string(),
      orgName: z.string().nullable(),
      post: z.string(),
      isDigitalPost: z.boolean(),
      fromDate: z.string(),
      toDate: z.string().nullable(),
    }),
  ),
});

export const PersonIdentity = z.object({
  id: z.string(),
  idNumber: z.string(),
  birthDate: z.string(),
  phone: z.string().nullable(),
});

export const TalentSignup = z.object({
  username: AccountInput.shape.username,
  idNumber: z.string().min(15).max(30),
  name: z.string().trim().min(2).max(30),
  phone: z.string().regex(/^1[3-9]\d{9}$/, '手机号格式不正确'),
  smsCode: z.string().regex(/^\d{6}$/, '验证码为 6 位数字'),
  password: Password,
});
