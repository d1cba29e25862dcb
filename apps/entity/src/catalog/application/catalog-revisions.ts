export const CATALOG_REVISIONS = Symbol('CatalogRevisions');

/** What the matching catalog is built from. */
export type CatalogPart = 'registry' | 'topics';

/**
 * A token per catalog part that every change replaces with a new random value, so replicas that
 * compare it notice the change (a lost concurrent update still leaves a value they have not seen).
 */
export interface CatalogRevisions {
  read(): Promise<Record<CatalogPart, string | null>>;
  bump(part: CatalogPart): Promise<void>;
}
