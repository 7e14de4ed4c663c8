import type { z } from 'zod';
import type * as identity from '../../../contracts/identity';

/**
 * The shapes the server publishes in contracts/identity.ts, as types only: `import type` keeps
 * zod out of the bundle.
 */
export type Organisation = z.infer<typeof identity.Organisation>;
export type Invitation = z.infer<typeof identity.Invitation>;
export type User = z.infer<typeof identity.User>;
export type AuditRow = z.infer<typeof identity.AuditRow>;
export type ReferenceItem = z.infer<typeof identity.ReferenceItem>;
export type Person = z.infer<typeof identity.Person>;
export type Employment = Person['employments'][number];
export type PersonIdentity = z.infer<typeof identity.PersonIdentity>;

export type RegisterOrganisationInput = z.input<typeof identity.RegisterOrganisation>;
export type DecideOrganisationInput = z.input<typeof identity.DecideOrganisation>;
export type AccountInput = z.input<typeof identity.AccountInput>;
export type CreateUserInput = z.input<typeof identity.CreateUser>;
export type TalentSignupInput = z.input<typeof identity.TalentSignup>;
