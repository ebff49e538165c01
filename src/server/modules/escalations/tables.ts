/**
 * The escalation directory of a commune: which real users hold each role named in the
 * escalation matrix of the contract (saisine ordinaire / en urgence / exceptionnelle).
 * `role` is the matrix cell's text for that side, e.g. "Directeur général des services".
 */
export interface EscalationDirectoryTable {
  id: string;
  communeId: string;
  side: 'commune' | 'provider';
  role: string;
  userId: string;
  createdAt: string;
}

export interface EscalationTables {
  escalationDirectory: EscalationDirectoryTable;
}
