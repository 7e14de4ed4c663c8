import type { z } from 'zod';
import type * as identity from '../../../contracts/identity';
import type * as registry from '../../../contracts/registry';
import type * as targets from '../../../contracts/targets';

/**
 * The shapes the server publishes in contracts/identity.ts and contracts/registry.ts, as types
 * only: `import type` keeps zod out of the bundle.
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

export type Credential = z.infer<typeof registry.Credential>;
export type Contribution = z.infer<typeof registry.Contribution>;
export type Profile = z.infer<typeof registry.Profile>;
export type Categories = z.infer<typeof registry.Categories>;
export type CategoryCounts = z.infer<typeof registry.CategoryCounts>;
export type PersonSearch = z.input<typeof registry.PersonSearch>;

export type CredentialInput = z.input<typeof registry.CredentialInput>;
export type CredentialKind = CredentialInput['kind'];
export type IssueByIdNumberInput = z.input<typeof registry.IssueByIdNumber>;
export type CorrectCredentialInput = z.input<typeof registry.CorrectCredential>;
export type RevokeCredentialInput = z.input<typeof registry.RevokeCredential>;
export type ContributionInput = z.input<typeof registry.ContributionInput>;
export type ContributionKind = ContributionInput['kind'];
export type AddEmployeeInput = z.input<typeof registry.AddEmployee>;

export type Dashboard = z.infer<typeof targets.Dashboard>;
export type IndicatorCard = Dashboard['indicators'][number];
export type TargetActual = z.infer<typeof targets.Actual>;
export type CityRanking = z.infer<typeof targets.CityRanking>;
export type CityRow = z.infer<typeof targets.CityRow>;
