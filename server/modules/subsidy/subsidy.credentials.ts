import type { Actor } from '../../kernel/audit/audit.js';
import type { CredentialService } from '../registry/registry.credentials.js';
import type { RegistryService } from '../registry/registry.service.js';

/**
 * What subsidies read of the registry, through the registry's services only (ADR 0002; never
 * its tables — the training module issues completion credentials into the registry as it goes).
 * The subsidy service checks the caller's permission and reach to the claim first; the registry
 * is then read as the subsidy module itself (a province-wide reader that writes nothing), because
 * a provider does not reach its trainees in the registry (they are not its employees).
 */
export interface SubsidyCredential {
  credentialId: string;
  personId: string;
  kind: string;
  number: string;
  issuerName: string;
  issuerOrgId: string | null;
  occupationCode: string | null;
  occupationName: string | null;
  levelCode: string | null;
  levelName: string | null;
  field: string | null;
  digital: boolean;
  issuedOn: string;
  status: string;
  /** What the record rests on: the training module writes `training_enrolment:<id>` on the completions it issues. */
  evidence: string | null;
}

export interface SubsidyPerson {
  id: string;
  name: string;
  cityCode: string;
}

export interface CredentialSource {
  /** Where a credential lives (its person and issuer), or undefined. */
  locate(credentialId: string): Promise<{ personId: string; issuerOrgId: string | null } | undefined>;
  /** A person and their current credentials (status as on today). */
  ofPerson(personId: string): Promise<{ person: SubsidyPerson; credentials: SubsidyCredential[] }>;
  /** The person of a 居民身份证号 (by the registry's blind index). */
  personByIdNumber(idNumber: string): Promise<string | undefined>;
}

const READER: Actor = {
  userId: null,
  username: 'subsidy',
  roles: ['province_admin'],
  orgId: null,
  cityCode: null,
  personId: null,
  ip: null,
  requestId: 'subsidy',
};

export function credentialSource(deps: {
  credentials: Pick<CredentialService, 'profile' | 'locate'>;
  registry: Pick<RegistryService, 'get' | 'findIdByIdNumber'>;
}): CredentialSource {
  return {
    locate: (id) => deps.credentials.locate(id),
    async ofPerson(personId) {
      const [p, profile] = await Promise.all([
        deps.registry.get(READER, personId),
        deps.credentials.profile(READER, personId),
      ]);
      return {
        person: { id: p.id, name: p.name, cityCode: p.cityCode },
        credentials: profile.credentials
          .filter((c) => c.supersededAt === null)
          .map((c) => ({
            credentialId: c.credentialId,
            personId: c.personId,
            kind: c.kind,
            number: c.number,
            issuerName: c.issuerName,
            issuerOrgId: c.issuerOrgId,
            occupationCode: c.occupationCode,
            occupationName: c.occupationName,
            levelCode: c.levelCode,
            levelName: c.levelName,
            field: c.field,
            digital: c.digital,
            issuedOn: c.issuedOn,
            status: c.status,
            evidence: c.evidence,
          })),
      };
    },
    personByIdNumber: (idNumber) => deps.registry.findIdByIdNumber(idNumber),
  };
}
