/** Staff roles. Coordinators configure and see everything in their organisation; caseworkers see their own citizens. */
export type StaffRole = 'CASEWORKER' | 'COORDINATOR';

/** The authenticated caller of the staff API. `staffId` is null for the bootstrap admin token. */
export interface Principal {
  role: StaffRole;
  staffId: string | null;
  organisationId: string;
}

/** May this caller see and act on this citizen's case? */
export function canActOnCitizen(
  principal: Principal,
  citizen: { organisationId: string; caseworkerId: string; backupCaseworkerId: string | null },
): boolean {
  if (principal.organisationId !== citizen.organisationId) return false;
  if (principal.role === 'COORDINATOR') return true;
  return principal.staffId !== null && [citizen.caseworkerId, citizen.backupCaseworkerId].includes(principal.staffId);
}
